import { MAX_QUERY_LENGTH } from '../constants';
import { mentionSafe } from '../text/mentions';
import type { Reason } from './schema';

/**
 * The English explanation of a reason code: what `message` holds in the JSON output. The
 * renderers show the reader's language instead (src/render/messages.ts) from the same code.
 *
 * @example
 * reasonMessage({ code: 'unknown_subject', subject: '诺曼底登陆' }) // 'The corpus says nothing about “诺曼底登陆”.'
 */
export function reasonMessage(reason: Reason): string {
  // The subject is often the user's own words, echoed back: never as a ping.
  const s = mentionSafe(reason.subject ?? '');
  switch (reason.code) {
    case 'empty':
      return 'The question is empty. Ask about a battle, a person, a place or a date, e.g. 谁指挥了绥远战役？';
    case 'too_long':
      return `The question is ${s} characters long; please keep it to ${MAX_QUERY_LENGTH} at most.`;
    case 'no_words':
      return 'The question has no words in it, only punctuation or symbols. Try e.g. 包头 or 傅作义.';
    case 'unknown_command':
      return `Unknown command “/${s}”. Commands: /battle, /ask, /who, /timeline, /sources, /help.`;
    case 'missing_option':
      return `This command needs ${s}.`;
    case 'bad_option':
      return `Option ${s} is not valid.`;
    case 'no_terms':
      return 'The question has no word to look up beyond question words.';
    case 'unknown_subject':
      return `The corpus says nothing about “${s}”.`;
    case 'weak_match':
      return s
        ? `The corpus says nothing about “${s}”, and no sentence matches the rest of the question well enough.`
        : 'No sentence in the corpus matches this question well enough.';
    case 'passing_mention':
      return `The corpus mentions “${s}” only in passing, in a list; it has nothing about it to quote.`;
    case 'not_stated':
      return `The corpus names “${s}”, but no sentence of it states what the question asks.`;
    case 'unknown_name':
      return `The corpus knows no battle, person or place called “${s}”.`;
    case 'never_mentioned':
      return `The corpus never mentions “${s}” in a sentence.`;
    case 'no_dates':
      return 'No sentence in the corpus states a date.';
    case 'internal':
      return `Something went wrong while answering (${s}).`;
    default:
      return s;
  }
}

/** Why a raw query cannot be answered at all (empty, too long, no words), or undefined. */
export function queryProblem(query: string): Reason | undefined {
  const trimmed = query.trim();
  if (!trimmed) return { code: 'empty' };
  // Characters as a reader counts them (code points): 😀 or 𠀀 is one, not two UTF-16 units.
  const length = Array.from(trimmed).length;
  if (length > MAX_QUERY_LENGTH) return { code: 'too_long', subject: String(length) };
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return { code: 'no_words' };
  return undefined;
}
