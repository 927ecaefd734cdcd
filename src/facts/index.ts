/**
 * Stage 2 — fact extraction: articles → dated sentences, battles, commanders with sides,
 * outcomes; each fact points at the sentence it came from. Pure functions.
 */
export { type BattleFact, battlePeriod, extractBattles, isBattleArticle, type SubOperation } from './battles';
export { articleDateContext, type DatedSentence, extractDatedSentences } from './datedSentences';
export { type DateContext, type DatePrecision, type ExtractedDate, extractDates } from './dates';
export { type CorpusFacts, extractFacts, namesOfShortForm, shortFormsIn } from './extractFacts';
export { extractOutcomes, isAim, type OutcomeFact } from './outcomes';
export { type ArticlePeople, type CommandMention, extractPeople, type Side } from './people';
