import { findCommand } from '../../commands';
import { type Answer, type AnswerContext, invalidAnswer, queryProblem } from '../answer';
import { MAX_QUERY_LENGTH } from '../constants';
import { parseQueryLine } from './parseQueryLine';

// A command name opening a line (`/battle`), and an option's name before its value (`name:`, `问题：`).
const COMMAND_NAME = /^[/／][^\s:：]+/;
const OPTION_NAME = /(^|\s)[^\s:：]{1,32}[:：]/g;

/**
 * Answers one query line exactly as the bot would: parse the command, validate its options,
 * run it. Never throws for any input; an unexpected failure becomes an `invalid` answer so
 * that `--jsonl` always prints one line per input line.
 */
export function runQuery(line: string, ctx: AnswerContext): Answer {
  try {
    // Refuse a 6,000-character paste before parsing it. The limit is the bot's, on what the user
    // typed into the options: the command and option names around it (`/ask `, `name:`) do not count.
    const typed = optionText(line);
    if (Array.from(typed).length > MAX_QUERY_LENGTH) {
      const problem = queryProblem(typed);
      if (problem) return invalidAnswer(line, commandNameOf(line), problem);
    }
    const parsed = parseQueryLine(line);
    if (!parsed.ok) return { ...parsed.answer, query: line };
    const answer = parsed.command.run(parsed.input, ctx);
    return { ...answer, query: line };
  } catch (error) {
    return invalidAnswer(line, 'unknown', {
      code: 'internal',
      subject: String((error as Error)?.message).slice(0, 200),
    });
  }
}

/** What a line gives its options, as the bot would receive it: the line without its command and option names. */
function optionText(line: string): string {
  return line
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(COMMAND_NAME, '')
    .replace(OPTION_NAME, '$1')
    .trim();
}

/** The command a line invokes, as the JSON `command` names it: `/battle …` → battle, free text → ask. */
function commandNameOf(line: string): string {
  const typed = /^[/／]([^\s:：]+)/.exec(line.replace(/^\uFEFF/, '').trim())?.[1];
  return typed ? (findCommand(typed)?.definition.name ?? typed) : 'ask';
}
