import { z } from 'zod';

/** Where a quoted sentence comes from; `paragraph` and `sentence` are 1-based. */
export const Citation = z.object({
  title: z.string().min(1),
  paragraph: z.number().int().positive(),
  sentence: z.number().int().positive(),
  url: z.url(),
});
export type Citation = z.infer<typeof Citation>;

/** A normalized date: `start`/`end` are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export const DateValue = z.object({
  start: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  end: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    .optional(),
  precision: z.enum(['year', 'month', 'xun', 'day']),
  text: z.string(),
});
export type DateValue = z.infer<typeof DateValue>;

/** One quoted corpus sentence: verbatim text (markup removed) and its citation. */
export const CitedSentence = z.object({
  text: z.string().min(1),
  citation: Citation,
  /** stable sentence id, `title#p3.s2` */
  id: z.string().optional(),
  /** the sentence's date, where it states one (timeline answers, *when* questions) */
  date: DateValue.optional(),
});
export type CitedSentence = z.infer<typeof CitedSentence>;

export const Side = z.enum(['ccp', 'nationalist', 'japanese', 'other']);
export type Side = z.infer<typeof Side>;

export const Commander = z.object({ name: z.string(), side: Side, citation: Citation });
export type Commander = z.infer<typeof Commander>;

/** Structured facts about a battle or person, each pointing at its source sentence. */
export const Facts = z.object({
  name: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  /** the place or sub-operation inside the battle the query named (包头 in 平绥路战役) */
  focus: z.string().optional(),
  period: z
    .object({ start: z.string(), end: z.string().optional(), citation: Citation.optional() })
    .optional(),
  commanders: z.array(Commander).optional(),
  outcome: z.array(CitedSentence).optional(),
  side: Side.optional(),
  /** other battles or articles the same query could mean (包头战役 1939 vs the 1945 campaign) */
  alsoMeant: z.array(z.object({ title: z.string(), period: z.string().optional(), url: z.url() })).optional(),
});
export type Facts = z.infer<typeof Facts>;

export const CommandName = z.enum(['ask', 'battle', 'who', 'timeline', 'sources', 'help']);
export type CommandName = z.infer<typeof CommandName>;

/** Why an answer is `invalid` or `not_found` (or what its note is): a code renderers translate. */
export const Reason = z.object({
  code: z.enum([
    'empty',
    'too_long',
    'no_words',
    'unknown_command',
    'missing_option',
    'bad_option',
    'no_terms',
    'unknown_subject',
    'weak_match',
    'passing_mention',
    'not_stated',
    'unknown_name',
    'never_mentioned',
    'no_dates',
    'internal',
    'help',
    'corpus_size',
  ]),
  /** the name, option or number the message is about */
  subject: z.string().optional(),
});
export type Reason = z.infer<typeof Reason>;

/**
 * What every command returns, and exactly what `npm run ask -- --json` prints:
 * the CLI contract other tools rely on.
 */
export const Answer = z.object({
  query: z.string(),
  command: z.string(),
  status: z.enum(['ok', 'not_found', 'invalid']),
  /** why nothing was answered, or a short note, in English; always set unless `ok` */
  message: z.string().optional(),
  /** the same as a code, for renderers that speak the reader's language */
  reason: Reason.optional(),
  answers: z.array(CitedSentence),
  facts: Facts.optional(),
  /** close names to try instead (not_found / invalid) */
  suggestions: z.array(z.string()).optional(),
  /** question type the ranker used: who / when / where / why / how / outcome / count / general */
  intent: z.string().optional(),
});
export type Answer = z.infer<typeof Answer>;
