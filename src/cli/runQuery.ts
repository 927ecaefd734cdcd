import { findCommand } from '../../commands';
import { type Answer, type AnswerContext, invalidAnswer, queryProblem } from '../answer';
import { MAX_QUERY_LENGTH } from '../constants';
import { parseQueryLine } from './parseQueryLine';

// Room for a command's and its options' names on a query line (`/timeline battle:`).
const COMMAND_SLACK = 100;

/**
 * Answers one query line exactly as the bot would: parse the command, validate its options,
 * run it. Never throws for any input; an unexpected failure becomes an `invalid` answer so
 * that `--jsonl` always prints one line per input line.
 */
export function runQuery(line: string, ctx: AnswerContext): Answer {
  try {
    // Refuse a 6,000-character paste before parsing it. The limit is the bot's, on the option's
    // text: the command and option names around it (`/ask `, `name:`) do not count, so a line
    // within reach of it is parsed and its command judges the text as the bot would.
    if (Array.from(line.trim()).length > MAX_QUERY_LENGTH + COMMAND_SLACK) {
      const problem = queryProblem(line);
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

/** The command a line invokes, as the JSON `command` names it: `/battle …` → battle, free text → ask. */
function commandNameOf(line: string): string {
  const typed = /^[/／]([^\s:：]+)/.exec(line.replace(/^\uFEFF/, '').trim())?.[1];
  return typed ? (findCommand(typed)?.definition.name ?? typed) : 'ask';
}
