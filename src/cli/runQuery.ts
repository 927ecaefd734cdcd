import { findCommand } from '../../commands';
import { type Answer, type AnswerContext, invalidAnswer, queryProblem } from '../answer';
import { parseQueryLine } from './parseQueryLine';

/**
 * Answers one query line exactly as the bot would: parse the command, validate its options,
 * run it. Never throws for any input; an unexpected failure becomes an `invalid` answer so
 * that `--jsonl` always prints one line per input line.
 */
export function runQuery(line: string, ctx: AnswerContext): Answer {
  try {
    // Judge the raw line's length before parsing, so a 6,000-character paste is refused early.
    const problem = line.trim().length > 0 ? queryProblem(line) : undefined;
    if (problem && !/^[/／]\S+\s*$/.test(line.trim()))
      return invalidAnswer(line, commandNameOf(line), problem);
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
