/**
 * Stage 4 — answering: a question (or a command's input) → an {@link Answer} of cited
 * corpus sentences. Pure: everything it needs arrives in an {@link AnswerContext}.
 */

export { answerAbout, MAX_ENTITY_ANSWERS, sentencesAbout } from './answerAbout';
export { answerBattle, MAX_BATTLE_SENTENCES } from './answerBattle';
export {
  type AnswerContext,
  answerQuestion,
  citationOf,
  citeSentence,
  invalidAnswer,
  MAX_ASK_ANSWERS,
  notFound,
} from './answerQuestion';
export { answerSources } from './answerSources';
export { answerTimeline, latestEnd, MAX_TIMELINE_EVENTS } from './answerTimeline';
export { answerWho } from './answerWho';
export { buildAnswerContext, contextForIndex } from './buildAnswerContext';
export { type BattleMatch, battleSentences, findBattles, formatPeriod } from './findBattles';
export { detectIntent, type Intent } from './intent';
export {
  CONTEXT_WEIGHTS,
  type ContextWeights,
  intentBoost,
  type RankedHit,
  rankForIntent,
  rankHits,
} from './rank';
export { queryProblem, reasonMessage } from './reasons';
export { type ResolvedName, resolveName } from './resolveEntity';
export {
  Answer,
  Citation,
  CitedSentence,
  Commander,
  CommandName,
  DateValue,
  Facts,
  Reason,
  Side,
} from './schema';
export { type NameKind, suggestNames } from './suggestNames';
export { suggestTitles } from './suggestTitles';
export { warmAnswerContext, warmAnswerContextInSlices } from './warmUp';
