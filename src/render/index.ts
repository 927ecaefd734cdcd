/**
 * Stage 5 — rendering: an {@link Answer} + locale → text for the CLI (and, later, Discord
 * reply data). Pure; knows nothing of minisearch or discord.js.
 */
export { inLocaleScript, REPLY_LOCALES, type ReplyLocale, toReplyLocale } from './locale';
export { MESSAGES, type Messages, messagesFor } from './messages';
export { citationLabel, renderText } from './renderText';
