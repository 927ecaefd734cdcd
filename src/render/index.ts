/**
 * Stage 5 — rendering: an {@link Answer} + locale → text for the CLI (and, later, Discord
 * reply data). Pure; knows nothing of minisearch or discord.js.
 */
export { inLocaleScript, REPLY_LOCALES, type ReplyLocale, toReplyLocale } from './locale';
export { explainAnswer, MESSAGES, type Messages, messagesFor } from './messages';
export {
  ANSWERS_PER_PAGE,
  CITATION_MARKER,
  checkReplyLimits,
  countPages,
  type DiscordRenderOptions,
  type DiscordReply,
  decodePageId,
  EPHEMERAL_FLAG,
  type EscapeMarkdownOptions,
  encodePageId,
  escapeMarkdown,
  hashQuery,
  type NoticeKind,
  type PageId,
  type PageTarget,
  recoverQuery,
  renderChoices,
  renderForDiscord,
  renderNotice,
  unescapeMarkdown,
} from './renderDiscord';
export { citationLabel, renderText } from './renderText';
export { countFitting, TRUNCATION_MARK, truncate } from './truncate';
