import type { z } from 'zod';
import type { CommandModule } from '../../commands';
import { type Answer, type AnswerContext, invalidAnswer } from '../answer';

/**
 * Runs a command on raw option values as Discord sent them: validates them with the command's
 * zod schema (a failure is an `invalid` answer, as in the CLI), runs it, and sets `query` to
 * the main option's value, which the page buttons carry to recompute a page.
 *
 * @example
 * runCommand(COMMANDS.battle, { name: '包头', private: true }, ctx).status // 'ok'
 */
export function runCommand(
  command: CommandModule<Record<string, unknown>>,
  raw: Record<string, unknown>,
  ctx: AnswerContext,
): Answer {
  const name = command.definition.name;
  const parsed = (command.Input as z.ZodType<Record<string, unknown>>).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = String(issue?.path[0] ?? '');
    const missing = issue?.code === 'invalid_type' && raw[option] === undefined;
    return invalidAnswer('', name, {
      code: missing ? 'missing_option' : 'bad_option',
      subject: option || '(input)',
    });
  }
  const answer = command.run(parsed.data, ctx);
  const main = command.mainOption ? parsed.data[command.mainOption] : undefined;
  return { ...answer, command: name, query: typeof main === 'string' ? main : '' };
}
