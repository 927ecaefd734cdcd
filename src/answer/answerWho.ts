import { namesOfShortForm, type Side } from '../facts';
import type { IndexedSentence } from '../search';
import { foldText } from '../text/fold';
import { answerAbout, MAX_ENTITY_ANSWERS, sentencesAbout } from './answerAbout';
import { type AnswerContext, citeSentence, invalidAnswer } from './answerQuestion';
import { queryProblem } from './reasons';
import { firstSentenceNamingAll, resolveName } from './resolveEntity';
import type { Answer } from './schema';

/**
 * `/who name`: what a person did in the corpus — the sentences that name them, including by a
 * short form (傅军 for 傅作义's army, 聂贺 for 聂荣臻 and 贺龙) — with their side in the
 * campaign when the text states it. Sentences where they command come first.
 *
 * @example
 * answerWho('傅作义', ctx).answers.some((a) => a.text.includes('傅军')) // true
 * answerWho('傅作义', ctx).facts?.side // 'nationalist'
 */
export function answerWho(name: string, ctx: AnswerContext): Answer {
  const problem = queryProblem(name);
  if (problem) return invalidAnswer(name, 'who', problem);
  // A short form the corpus names two commanders by (聂贺: 聂荣臻 and 贺龙 together).
  const formNames = namesOfShortForm(ctx.facts, foldText(name).trim());
  const pair = formNames.length > 1 ? answerShortForm(name, formNames, ctx) : undefined;
  if (pair) return pair;
  const person = findPerson(name, ctx);
  if (!person) return answerAbout(name, ctx, 'who');
  const { index, facts } = ctx;
  const key = foldText(person);
  const commanding: IndexedSentence[] = [];
  const naming: IndexedSentence[] = [];
  const votes: Record<Side, number> = { ccp: 0, nationalist: 0, japanese: 0, other: 0 };
  facts.people.forEach((people, articleIndex) => {
    const display = [...people.persons].find(([k]) => k === key)?.[1];
    if (!display) return;
    const side = people.sides.get(display);
    if (side && side !== 'other') votes[side]++;
    const commandIds = new Set(people.commands.filter((c) => c.person === display).map((c) => c.sentenceId));
    const [from, to] = index.articleRanges[articleIndex] ?? [0, 0];
    for (const s of index.sentences.slice(from, to)) {
      const named = people.mentions.get(s.sentence.id)?.some((m) => m.person === display);
      if (commandIds.has(s.sentence.id)) commanding.push(s);
      else if (named) naming.push(s);
    }
  });
  const resolved = resolveName(index, person);
  const own = resolved ? sentencesAbout(index, resolved.ids, resolved.articleIndexes, person) : [];
  // Who someone is comes before what they did: the lead of their own article (傅作義，字宜生，是一位…).
  const leads = (resolved?.articleIndexes ?? []).flatMap((a) => {
    const first = index.sentences[index.articleRanges[a]?.[0] ?? -1];
    return first ? [first] : [];
  });
  const seen = new Set<number>();
  const ordered = [...leads, ...commanding, ...naming, ...own].filter(
    (s) => !seen.has(s.ref) && seen.add(s.ref),
  );
  const side = decideSide(votes);
  return {
    query: name,
    command: 'who',
    status: 'ok',
    answers: ordered
      .slice(0, MAX_ENTITY_ANSWERS)
      .map((s) => citeSentence(index, s, ctx.dates.get(s.ref)?.[0])),
    facts: { name: resolved?.display ?? person, ...(side ? { side } : {}) },
  };
}

/**
 * `/who` of a short form of several people (聂贺): the sentence naming them in full, then the ones
 * where the facts read the short form as naming them, with their side when they share one; undefined
 * when no sentence names them all (吕梁 read as 吕正操 and 梁任芥 is a place, not a pair of people).
 */
function answerShortForm(query: string, names: readonly string[], ctx: AnswerContext): Answer | undefined {
  const { index, facts } = ctx;
  const defining = firstSentenceNamingAll(index, names);
  if (!defining) return undefined;
  const form = foldText(query).trim();
  const using: IndexedSentence[] = [];
  for (const people of facts.people)
    for (const [id, mentions] of people.mentions) {
      const ref = index.byId.get(id);
      if (ref === undefined || !mentions.some((m) => m.form === 'short' && foldText(m.surface) === form))
        continue;
      const item = index.sentences[ref];
      if (item) using.push(item);
    }
  using.sort((x, y) => x.ref - y.ref);
  const ordered = [defining, ...using.filter((s) => s.ref !== defining.ref)];
  const sides = new Set(
    names.map((name) => facts.people.map((p) => p.sides.get(name)).find((side) => side && side !== 'other')),
  );
  const [side] = sides;
  return {
    query,
    command: 'who',
    status: 'ok',
    answers: ordered
      .slice(0, MAX_ENTITY_ANSWERS)
      .map((s) => citeSentence(index, s, ctx.dates.get(s.ref)?.[0])),
    facts: { name: names.join('、'), ...(sides.size === 1 && side ? { side } : {}) },
  };
}

/** The person's full name as the facts know it, from any script, alias or pinyin. */
function findPerson(name: string, ctx: AnswerContext): string | undefined {
  const folded = foldText(name).trim();
  const resolved = resolveName(ctx.index, name);
  const candidates = new Set([
    folded,
    ...(resolved?.ids ?? []),
    ...(resolved?.ids ?? []).flatMap((id) => ctx.index.entities.namesOf.get(id) ?? []),
  ]);
  for (const people of ctx.facts.people) {
    for (const [key, display] of people.persons) if (candidates.has(key)) return display;
  }
  return undefined;
}

function decideSide(votes: Record<Side, number>): Side | undefined {
  const ranked = (Object.entries(votes) as [Side, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || (ranked.length > 1 && ranked[0]?.[1] === ranked[1]?.[1])) return undefined;
  return ranked[0]?.[0];
}
