import { z } from 'zod';
import type { Article } from '../corpus';
import type { BattleFact } from './battles';
import type { DatedSentence } from './datedSentences';
import type { ExtractedDate } from './dates';
import type { CorpusFacts } from './extractFacts';
import type { OutcomeFact } from './outcomes';
import type { ArticlePeople, CommandMention, Side } from './people';

/**
 * Saving the extracted facts with the prebuilt index, so that loading it extracts nothing
 * (extraction is ~0.9 s of a 10k-sentence start). Sentence ids are saved as sentence numbers
 * (their position in corpus order), and restored as the very id strings of the articles.
 */

/**
 * A sentence: its number in corpus order, or for an id no article has (never, as extracted),
 * -1 - its position in `SavedFacts.otherIds`. Plain numbers: a union of number and string
 * costs zod several times more per value.
 */
const SentenceRef = z.number();

const DATE_KEYS = ['start', 'end', 'precision', 'text', 'offset'] as const;
type DateKey = (typeof DATE_KEYS)[number];

/**
 * The dated sentences, column by column (thousands of them at 10k sentences: validating
 * columns of plain values is several times faster than as many small objects). Each date's
 * keys are restored in the order the extractor wrote them (`shapes`).
 */
const SavedDated = z.object({
  /** per dated sentence: its article, its sentence, how many dates it has */
  articles: z.array(z.number()),
  sentences: z.array(SentenceRef),
  counts: z.array(z.number()),
  /** the key orders the dates come in */
  shapes: z.array(z.array(z.enum(DATE_KEYS))),
  /** per date: its key order, then its fields (`end` '' when it has none) */
  shape: z.array(z.number()),
  start: z.array(z.string()),
  end: z.array(z.string()),
  precision: z.array(z.enum(['year', 'month', 'xun', 'day'])),
  text: z.array(z.string()),
  offset: z.array(z.number()),
});

const SideSchema = z.enum(['ccp', 'nationalist', 'japanese', 'other']);
const Form = z.enum(['full', 'short']);

const SavedPeople = z.object({
  persons: z.array(z.tuple([z.string(), z.string()])),
  /** [person, sentence, form, surface] */
  commands: z.array(z.tuple([z.string(), SentenceRef, Form, z.string()])),
  /** [sentence, [person, surface, form][]] */
  mentions: z.array(z.tuple([SentenceRef, z.array(z.tuple([z.string(), z.string(), Form]))])),
  sides: z.array(z.tuple([z.string(), SideSchema])),
  /** [folded name, [ccp, nationalist, japanese, other]] */
  evidence: z.array(z.tuple([z.string(), z.tuple([z.number(), z.number(), z.number(), z.number()])])),
});

/** The saved facts (JSON-ready), validated with zod when loaded. */
export const SavedFacts = z.object({
  /** ids of sentences no article has (see SentenceRef) */
  otherIds: z.array(z.string()),
  dated: SavedDated,
  battles: z.array(
    z.object({
      articleIndex: z.number().int().nonnegative(),
      name: z.string(),
      aliases: z.array(z.string()),
      /** [start, end, start sentence, end sentence] */
      period: z.tuple([z.string(), z.string(), SentenceRef, SentenceRef]).optional(),
      subOperations: z.array(z.tuple([z.string(), z.array(SentenceRef)])),
    }),
  ),
  people: z.array(SavedPeople),
  /** per article: [sentence, strength, words] */
  outcomes: z.array(z.array(z.tuple([SentenceRef, z.number(), z.array(z.string())]))),
});
export type SavedFacts = z.infer<typeof SavedFacts>;

const SIDES: Side[] = ['ccp', 'nationalist', 'japanese', 'other'];

/**
 * The facts as a JSON-ready object; {@link restoreFacts} brings them back.
 *
 * @param refOf the sentence number of a sentence id (undefined for an id no article has)
 */
export function serializeFacts(
  facts: CorpusFacts,
  refOf: (sentenceId: string) => number | undefined,
): SavedFacts {
  const otherIds: string[] = [];
  const others = new Map<string, number>();
  const ref = (id: string): number => {
    const known = refOf(id);
    if (known !== undefined) return known;
    let other = others.get(id);
    if (other === undefined) {
      other = -1 - otherIds.length;
      others.set(id, other);
      otherIds.push(id);
    }
    return other;
  };
  return {
    otherIds,
    dated: serializeDated(facts.dated, ref),
    battles: facts.battles.map((b) => ({
      articleIndex: b.articleIndex,
      name: b.name,
      aliases: b.aliases,
      ...(b.period
        ? {
            period: [
              b.period.start,
              b.period.end,
              ref(b.period.startSentenceId),
              ref(b.period.endSentenceId),
            ] as [string, string, number, number],
          }
        : {}),
      subOperations: b.subOperations.map((s) => [s.place, s.sentenceIds.map(ref)]),
    })),
    people: facts.people.map((p) => ({
      persons: [...p.persons],
      commands: p.commands.map((c) => [c.person, ref(c.sentenceId), c.form, c.surface]),
      mentions: [...p.mentions].map(([id, list]) => [
        ref(id),
        list.map((m) => [m.person, m.surface, m.form]),
      ]),
      sides: [...p.sides],
      evidence: [...p.evidence].map(([key, counts]) => [
        key,
        [counts.ccp, counts.nationalist, counts.japanese, counts.other],
      ]),
    })),
    outcomes: facts.outcomes.map((list) => list.map((o) => [ref(o.sentenceId), o.strength, o.words])),
  };
}

/** Why saved facts cannot be used; the caller rebuilds from the corpus instead. */
export class FactsFormatError extends Error {
  constructor(message: string) {
    super(`facts: ${message}`);
    this.name = 'FactsFormatError';
  }
}

/**
 * Restores facts saved by {@link serializeFacts}: deep-equal to what `extractFacts` returns
 * for the same articles, with the same key order, sharing the articles' id strings.
 *
 * @param idOf the sentence id of a sentence number (undefined when out of range)
 * @throws FactsFormatError when the saved object does not validate or points nowhere
 */
export function restoreFacts(
  saved: unknown,
  articles: readonly Article[],
  idOf: (ref: number) => string | undefined,
): CorpusFacts {
  const parsed = SavedFacts.safeParse(saved);
  if (!parsed.success) throw new FactsFormatError(parsed.error.issues[0]?.message ?? 'invalid');
  if (parsed.data.people.length !== articles.length || parsed.data.outcomes.length !== articles.length) {
    throw new FactsFormatError(
      `saved for ${parsed.data.people.length} articles, the index has ${articles.length}`,
    );
  }
  const data = parsed.data;
  const id = (ref: number): string => {
    const found = ref >= 0 ? idOf(ref) : data.otherIds[-1 - ref];
    if (found === undefined) throw new FactsFormatError(`sentence ${ref} does not exist`);
    return found;
  };
  const dated = restoreDated(data.dated, id);
  const battles: BattleFact[] = data.battles.map((b) => ({
    articleIndex: b.articleIndex,
    name: b.name,
    // The extractor hands out the article's own alias list.
    aliases: sameList(articles[b.articleIndex]?.aliases, b.aliases),
    period: b.period
      ? {
          start: b.period[0],
          end: b.period[1],
          startSentenceId: id(b.period[2]),
          endSentenceId: id(b.period[3]),
        }
      : undefined,
    subOperations: b.subOperations.map(([place, refs]) => ({ place, sentenceIds: refs.map(id) })),
  }));
  const people: ArticlePeople[] = data.people.map((p) => ({
    persons: new Map(p.persons),
    commands: p.commands.map(
      ([person, ref, form, surface]): CommandMention => ({ person, sentenceId: id(ref), form, surface }),
    ),
    mentions: new Map(
      p.mentions.map(([ref, list]) => [
        id(ref),
        list.map(([person, surface, form]) => ({ person, surface, form })),
      ]),
    ),
    sides: new Map(p.sides),
    evidence: new Map(
      p.evidence.map(([key, counts]) => [
        key,
        Object.fromEntries(SIDES.map((side, i) => [side, counts[i] as number])) as Record<Side, number>,
      ]),
    ),
  }));
  const outcomes: OutcomeFact[][] = data.outcomes.map((list) =>
    list.map(([ref, strength, words]) => ({ sentenceId: id(ref), strength, words })),
  );
  return { dated, battles, people, outcomes };
}

function serializeDated(dated: readonly DatedSentence[], ref: (id: string) => number): SavedFacts['dated'] {
  const out: SavedFacts['dated'] = {
    articles: [],
    sentences: [],
    counts: [],
    shapes: [],
    shape: [],
    start: [],
    end: [],
    precision: [],
    text: [],
    offset: [],
  };
  const shapeIds = new Map<string, number>();
  for (const d of dated) {
    out.articles.push(d.articleIndex);
    out.sentences.push(ref(d.sentenceId));
    out.counts.push(d.dates.length);
    for (const date of d.dates) {
      const keys = Object.keys(date) as DateKey[];
      const name = keys.join();
      let shape = shapeIds.get(name);
      if (shape === undefined) {
        if (keys.some((k) => !DATE_KEYS.includes(k))) throw new Error(`facts: a date has the keys ${name}`);
        shape = out.shapes.length;
        shapeIds.set(name, shape);
        out.shapes.push(keys);
      }
      out.shape.push(shape);
      out.start.push(date.start);
      out.end.push(date.end ?? '');
      out.precision.push(date.precision);
      out.text.push(date.text);
      out.offset.push(date.offset);
    }
  }
  return out;
}

function restoreDated(saved: SavedFacts['dated'], id: (ref: number) => string): DatedSentence[] {
  const dates = saved.start.length;
  const columns = [saved.shape, saved.end, saved.precision, saved.text, saved.offset];
  const rows = saved.articles.length;
  if (
    columns.some((c) => c.length !== dates) ||
    saved.sentences.length !== rows ||
    saved.counts.length !== rows
  ) {
    throw new FactsFormatError('the dated sentences do not line up');
  }
  const out: DatedSentence[] = [];
  let at = 0;
  for (let row = 0; row < rows; row++) {
    const count = saved.counts[row] as number;
    if (!Number.isInteger(count) || count < 1 || at + count > dates)
      throw new FactsFormatError('the dated sentences do not line up');
    const list: ExtractedDate[] = [];
    for (const end = at + count; at < end; at++) {
      const keys = saved.shapes[saved.shape[at] as number];
      const offset = saved.offset[at] as number;
      if (!keys || !Number.isInteger(offset) || offset < 0)
        throw new FactsFormatError(`date ${at} is invalid`);
      // The keys in the order the extractor wrote them.
      const date: Partial<Record<DateKey, string | number>> = {};
      for (const key of keys) {
        if (key === 'offset') date.offset = offset;
        else if (key === 'end') date.end = saved.end[at] as string;
        else date[key] = saved[key][at] as string;
      }
      list.push(date as ExtractedDate);
    }
    const articleIndex = saved.articles[row] as number;
    if (!Number.isInteger(articleIndex) || articleIndex < 0)
      throw new FactsFormatError(`dated sentence ${row} is invalid`);
    out.push({ articleIndex, sentenceId: id(saved.sentences[row] as number), dates: list });
  }
  if (at !== dates) throw new FactsFormatError('the dated sentences do not line up');
  return out;
}

function sameList(own: string[] | undefined, saved: string[]): string[] {
  return own && own.length === saved.length && own.every((name, i) => name === saved[i]) ? own : saved;
}
