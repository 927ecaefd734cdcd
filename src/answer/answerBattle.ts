import type { Side } from '../facts';
import type { IndexedSentence } from '../search';
import { foldText } from '../text/fold';
import { answerAbout } from './answerAbout';
import { type AnswerContext, citationOf, citeSentence, invalidAnswer, notFound } from './answerQuestion';
import { battleSentences, findBattles, formatPeriod } from './findBattles';
import { queryProblem } from './reasons';
import type { Answer, CitedSentence, Commander, Facts } from './schema';

/** Most sentences a battle card quotes (the Discord reply pages through them). */
export const MAX_BATTLE_SENTENCES = 25;
const SIDE_ORDER: Side[] = ['ccp', 'nationalist', 'japanese', 'other'];

/**
 * `/battle name`: a battle card — names, period, commanders by side, outcome (most decisive
 * first) — and the cited sentences about the named battle, or about the place within it when
 * the name is a place fought over (包头 → 平绥路战役 focused on 包头). Other battles the name
 * can mean are listed with their dates (the 1939 包头战役 vs the 1945 campaign).
 *
 * @example
 * answerBattle('包头', ctx).facts?.name // '平绥路战役'
 * answerBattle('包头', ctx).answers.map((a) => a.text) // includes '11月9日，贺龙部转攻包头。'
 */
export function answerBattle(name: string, ctx: AnswerContext): Answer {
  const problem = queryProblem(name);
  if (problem) return invalidAnswer(name, 'battle', problem);
  const matches = findBattles(name, ctx).filter((m) => m.score >= 1);
  const primary = matches[0];
  if (!primary) {
    // Not a battle: a place or a person the corpus knows still gets its cited sentences.
    const about = answerAbout(name, ctx, 'battle');
    if (about.status !== 'ok') return { ...about, suggestions: battleSuggestions(ctx, about.suggestions) };
    // A battle the corpus has no article for and names only in lists (遼沈戰役、淮海戰役、平津戰役):
    // nothing about it can be quoted, as /ask says of it too.
    const names = [foldText(name).replace(/\s+/g, ''), foldText(about.facts?.name ?? '')].filter(Boolean);
    if (
      EVENT_NAME.test(names[0] ?? '') &&
      about.answers.every((a) => namedOnlyInLists(foldText(a.text), names))
    ) {
      const refused = notFound(name, 'battle', ctx, { code: 'passing_mention', subject: name.trim() });
      return { ...refused, suggestions: battleSuggestions(ctx, refused.suggestions) };
    }
    return about;
  }
  const { index, facts } = ctx;
  const { battle, focus } = primary;
  const sentences = battleSentences(ctx, battle);
  const cite = (s: IndexedSentence) => citeSentence(index, s, ctx.dates.get(s.ref)?.[0]);

  let chosen: IndexedSentence[];
  if (focus) {
    const wanted = new Set(focus.ids);
    chosen = sentences.filter((s) => s.entities.some((e) => wanted.has(e)));
  } else {
    const outcomeIds = new Set((facts.outcomes[battle.articleIndex] ?? []).map((o) => o.sentenceId));
    chosen = sentences.filter(
      (s) => s.sentence.paragraph === 1 || ctx.dates.has(s.ref) || outcomeIds.has(s.sentence.id),
    );
  }
  const ref = (id: string) => index.byId.get(id);
  const byRef = (id: string) => {
    const r = ref(id);
    return r === undefined ? undefined : index.sentences[r];
  };
  const people = facts.people[battle.articleIndex];
  const commanders: Commander[] = [];
  for (const c of people?.commands ?? []) {
    if (commanders.some((x) => x.name === c.person)) continue;
    const s = byRef(c.sentenceId);
    if (s)
      commanders.push({
        name: c.person,
        side: people?.sides.get(c.person) ?? 'other',
        citation: citationOf(index, s),
      });
  }
  commanders.sort((a, b) => SIDE_ORDER.indexOf(a.side) - SIDE_ORDER.indexOf(b.side));
  const outcome: CitedSentence[] = (facts.outcomes[battle.articleIndex] ?? []).slice(0, 3).flatMap((o) => {
    const s = byRef(o.sentenceId);
    return s ? [cite(s)] : [];
  });
  const periodSentence = battle.period ? byRef(battle.period.startSentenceId) : undefined;
  const result: Facts = {
    name: battle.name,
    aliases: battle.aliases,
    ...(focus ? { focus: focus.place } : {}),
    ...(battle.period
      ? {
          period: {
            start: battle.period.start,
            end: battle.period.end,
            ...(periodSentence ? { citation: citationOf(index, periodSentence) } : {}),
          },
        }
      : {}),
    commanders,
    outcome,
  };
  const others = matches.slice(1).map((m) => ({
    title: m.battle.name,
    ...(formatPeriod(m.battle.period) ? { period: formatPeriod(m.battle.period) } : {}),
    url: index.articles[m.battle.articleIndex]?.url ?? '',
  }));
  if (others.length > 0) result.alsoMeant = others;
  return {
    query: name,
    command: 'battle',
    status: 'ok',
    answers: chosen.slice(0, MAX_BATTLE_SENTENCES).map(cite),
    facts: result,
  };
}

// A name that is an event's (淮海战役, 中途岛海战, 西安事变), not a place's or a person's.
const EVENT_NAME = /(?:战役|战斗|会战|之战|海战|空战|大战|战争|事变|起义|登陆)$/;

/** True when `text` names one of `names`, and only as an item of a list (…、淮海战役、…). */
function namedOnlyInLists(text: string, names: readonly string[]): boolean {
  let named = false;
  for (const n of names) {
    for (let at = text.indexOf(n); at >= 0; at = text.indexOf(n, at + 1)) {
      named = true;
      if (text[at - 1] !== '、' && text[at + n.length] !== '、') return false;
    }
  }
  return named;
}

function battleSuggestions(ctx: AnswerContext, fallback: string[] | undefined): string[] {
  const names = ctx.facts.battles.map((b) => b.name);
  return names.length > 0 ? names.slice(0, 5) : (fallback ?? []);
}
