/**
 * Stage 2 — fact extraction: articles → dated sentences, commanders, outcomes; each fact
 * points at the sentence it came from. Pure functions.
 */
export { articleDateContext, type DatedSentence, extractDatedSentences } from './datedSentences';
export { type DateContext, type DatePrecision, type ExtractedDate, extractDates } from './dates';
