/**
 * Stage 4 — answering: a question (or a command's input) → an {@link Answer} of cited
 * corpus sentences. Pure: everything it needs arrives in an {@link AnswerContext}.
 */
export { type AnswerContext, answerQuestion, citationOf, citeSentence, invalidAnswer, MAX_ASK_ANSWERS, notFound } from './answerQuestion';
export { suggestTitles } from './suggestTitles';
export { queryProblem, reasonMessage } from './reasons';
export { detectIntent, type Intent } from './intent';
export { CONTEXT_WEIGHTS, type ContextWeights, intentBoost, type RankedHit, rankForIntent, rankHits } from './rank';
export { Answer, Citation, CitedSentence, CommandName, Commander, DateValue, Facts, Reason, Side } from './schema';
export { answerAbout, MAX_ENTITY_ANSWERS, sentencesAbout } from './answerAbout';
export { type ResolvedName, resolveName } from './resolveEntity';
export { type NameKind, suggestNames } from './suggestNames';
export { answerBattle } from './answerBattle';
export { answerTimeline, latestEnd, MAX_TIMELINE_EVENTS } from './answerTimeline';
export { answerWho } from './answerWho';
export { buildAnswerContext, contextForIndex } from './buildAnswerContext';
export { answerSources } from './answerSources';
export { warmAnswerContext, warmAnswerContextInSlices } from './warmUp';
export { type BattleMatch, battleSentences, findBattles, formatPeriod } from './findBattles';
export { MAX_BATTLE_SENTENCES } from './answerBattle';
