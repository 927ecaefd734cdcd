import type { ExtractedDate } from '../facts';
import type { IndexedSentence } from '../search';
import { answerAbout, sentencesAbout } from './answerAbout';
import { type AnswerContext, citeSentence, invalidAnswer, notFound } from './answerQuestion';
import { battleSentences, findBattles } from './findBattles';
import { queryProblem } from './reasons';
import { resolveName } from './resolveEntity';
import type { Answer } from './schema';

/** Most events a timeline lists (the renderer pages through them). */
export const MAX_TIMELINE_EVENTS = 200;

/**
 * Dated events in chronological order — of one battle (the sentences of its article and those
 * naming it) or of the whole corpus. Each answer carries its normalized `date`; events on the
 * same date keep corpus order.
 *
 * @example
 * answerTimeline(undefined, ctx).answers.map((a) => a.date?.start)
 * // ['1945', '1945', '1945-08-11', '1945-10-18', '1945-10-25', '1945-10-30', '1945-11-09', '1945-12']
 */
export function answerTimeline(battle: string | undefined, ctx: AnswerContext): Answer {
  const query = battle ?? '';
  const { index } = ctx;
  let pool: IndexedSentence[];
  let name: string | undefined;
  if (battle !== undefined && battle.trim() !== '') {
    const problem = queryProblem(battle);
    if (problem) return invalidAnswer(query, 'timeline', problem);
    const match = findBattles(battle, ctx).find((m) => m.score >= 1);
    if (match) {
      // A battle: its article's dated sentences; a place fought over in it: those naming the place.
      name = match.focus ? `${match.battle.name} · ${match.focus.place}` : match.battle.name;
      const wanted = new Set(match.focus?.ids ?? []);
      pool = battleSentences(ctx, match.battle).filter(
        (s) => !match.focus || s.entities.some((e) => wanted.has(e)),
      );
    } else {
      const resolved = resolveName(index, battle);
      if (!resolved)
        return notFound(query, 'timeline', ctx, { code: 'unknown_name', subject: battle.trim() });
      // A battle named inside other words (谁指挥了绥远战役？): its own article, as by its name —
      // not every sentence naming it, which in a wider corpus takes in a namesake (the 1939 包头战役
      // for an alias of 平绥路战役).
      const own = ctx.facts.battles.find((b) => resolved.articleIndexes.includes(b.articleIndex));
      if (own) {
        name = own.name;
        pool = battleSentences(ctx, own);
      } else {
        name = resolved.display;
        const inArticles = resolved.articleIndexes.flatMap((a) => {
          const [from, to] = index.articleRanges[a] ?? [0, 0];
          return index.sentences.slice(from, to);
        });
        pool = [...inArticles, ...sentencesAbout(index, resolved.ids, [], battle)];
      }
    }
  } else {
    pool = index.sentences;
  }
  const events = pool === index.sentences ? corpusEvents(ctx) : datedEvents(pool, ctx);
  if (events.length === 0) {
    if (battle) return answerAbout(battle, ctx, 'timeline');
    return notFound(query, 'timeline', ctx, { code: 'no_dates' });
  }
  return {
    query,
    command: 'timeline',
    status: 'ok',
    answers: events.slice(0, MAX_TIMELINE_EVENTS).map((e) => citeSentence(index, e.s, e.date)),
    facts: {
      ...(name ? { name } : {}),
      period: { start: events[0]?.date.start ?? '', end: latestEnd(events.map((e) => e.date)) },
    },
  };
}

type DatedEvent = { s: IndexedSentence; date: ExtractedDate };

/** The dated sentences of `pool`, once each, by date then corpus order. */
function datedEvents(pool: readonly IndexedSentence[], ctx: AnswerContext): DatedEvent[] {
  const seen = new Set<number>();
  const events: DatedEvent[] = [];
  for (const s of pool) {
    if (seen.has(s.ref)) continue;
    seen.add(s.ref);
    const date = ctx.dates.get(s.ref)?.[0];
    if (date) events.push({ s, date });
  }
  return events.sort((a, b) => a.date.start.localeCompare(b.date.start) || a.s.ref - b.s.ref);
}

const corpusEventCache = new WeakMap<AnswerContext['dates'], DatedEvent[]>();

/** The whole corpus's timeline, sorted once per context (190 ms a call at 200k sentences). */
function corpusEvents(ctx: AnswerContext): DatedEvent[] {
  let events = corpusEventCache.get(ctx.dates);
  if (!events) {
    events = datedEvents(ctx.index.sentences, ctx);
    corpusEventCache.set(ctx.dates, events);
  }
  return events;
}

/** The latest point any of the dates reaches (a range's end counts). */
export function latestEnd(dates: readonly { start: string; end?: string }[]): string | undefined {
  let latest: string | undefined;
  for (const d of dates) {
    const end = d.end ?? d.start;
    if (!latest || end > latest) latest = end;
  }
  return latest;
}
