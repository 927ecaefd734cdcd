import type { z } from 'zod';
import { type CommandModule, findCommand } from '../../commands';
import { type Answer, invalidAnswer, type Reason } from '../answer';

/** A query line resolved to a command and its raw options, or the `invalid` answer to print. */
export type ParsedQueryLine =
  | { ok: true; command: CommandModule<Record<string, unknown>>; input: Record<string, unknown> }
  | { ok: false; answer: Answer };

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  yes: true,
  '1': true,
  on: true,
  是: true,
  false: false,
  no: false,
  '0': false,
  off: false,
  否: false,
};

/**
 * Reads a line as a user would type it in Discord — `/battle 包头`, `/battle name:包头
 * private:true`, `/timeline`, or free text (= `/ask`) — into a command and its options, and
 * validates them with the command's zod schema. Never throws: problems are `invalid` answers.
 *
 * @example
 * parseQueryLine('/who 傅作义') // { ok: true, command: who, input: { name: '傅作义' } }
 */
export function parseQueryLine(line: string): ParsedQueryLine {
  const text = line.replace(/^\uFEFF/, '').trim();
  const slash = /^[/／]([^\s:：]+)(?:\s+([\s\S]*))?$/.exec(text);
  const command = slash ? findCommand(slash[1] ?? '') : findCommand('ask');
  if (!command) {
    return invalid(line, slash?.[1] ?? '', {
      code: 'unknown_command',
      subject: (slash?.[1] ?? '').slice(0, 50),
    });
  }
  const rest = slash ? (slash[2] ?? '') : text;
  const unknown = slash ? unknownOption(command, rest) : undefined;
  if (unknown) return invalid(line, command.definition.name, { code: 'bad_option', subject: unknown });
  const input = readOptions(command, rest);
  const parsed = (command.Input as z.ZodType<Record<string, unknown>>).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = String(issue?.path[0] ?? '');
    const example = command.definition.options?.find((o) => o.name === option)?.description ?? '';
    const missing = issue?.code === 'invalid_type' && input[option] === undefined;
    const subject = missing ? `${option}${example ? ` (${example})` : ''}` : option || '(input)';
    return invalid(line, command.definition.name, {
      code: missing ? 'missing_option' : 'bad_option',
      subject,
    });
  }
  return { ok: true, command, input: parsed.data };
}

// --- internal ---

function invalid(query: string, command: string, reason: Reason): ParsedQueryLine {
  return { ok: false, answer: invalidAnswer(query, command || 'unknown', reason) };
}

/** `name:包头 private:true` or plain `包头` (→ the main option) into an options object. */
function readOptions(command: CommandModule<Record<string, unknown>>, rest: string): Record<string, unknown> {
  const byName = optionsByName(command);
  const input: Record<string, unknown> = {};
  const free: string[] = [];
  // Split before each `known:` so values may contain spaces: `question:谁 指挥`.
  const pattern = new RegExp(
    `(?:^|\\s)(${[...byName.keys()].map(escapeRegExp).join('|') || '(?!)'})[:：]`,
    'g',
  );
  const marks = [...rest.matchAll(pattern)];
  let cursor = 0;
  const assign = (name: string, raw: string) => {
    const option = byName.get(name);
    if (!option) return;
    const value = raw.trim();
    if (option.type === 5) {
      // A true/false option takes one word: `private:true 包头` leaves 包头 as the free text.
      const [word = '', ...after] = value.split(/\s+/);
      input[option.name] = BOOLEAN_WORDS[word.toLowerCase()] ?? word;
      free.push(after.join(' '));
    } else input[option.name] = value;
  };
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i];
    if (!m) continue;
    const at = m.index ?? 0;
    if (i === 0 && at > cursor) free.push(rest.slice(cursor, at));
    const valueStart = at + m[0].length;
    const valueEnd = marks[i + 1]?.index ?? rest.length;
    assign(m[1] ?? '', rest.slice(valueStart, valueEnd));
    cursor = valueEnd;
  }
  if (marks.length === 0) free.push(rest);
  const freeText = free.join(' ').trim();
  if (freeText && command.mainOption && input[command.mainOption] === undefined)
    input[command.mainOption] = freeText;
  return input;
}

/**
 * An option name the command does not have, written as one (`/battle foo:bar`): Discord would
 * not send it, so it is a mistake, not the name to look up. Only Latin names count (时间：1945 is
 * words of a question), and not a link (https://…).
 */
function unknownOption(command: CommandModule<Record<string, unknown>>, rest: string): string | undefined {
  const known = optionsByName(command);
  for (const m of rest.matchAll(/(?:^|\s)([a-z][a-z_]{1,31})[:：](?!\/\/)/gi)) {
    const name = m[1] ?? '';
    if (!known.has(name) && !known.has(name.toLowerCase())) return name;
  }
  return undefined;
}

type CommandOption = NonNullable<CommandModule<Record<string, unknown>>['definition']['options']>[number];

/** A command's options by every name they go by: their own and their localized ones (名称, 名稱). */
function optionsByName(command: CommandModule<Record<string, unknown>>): Map<string, CommandOption> {
  const byName = new Map<string, CommandOption>();
  for (const o of command.definition.options ?? []) {
    byName.set(o.name, o);
    for (const n of Object.values(o.name_localizations ?? {})) if (n) byName.set(n, o);
  }
  return byName;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
