/**
 * Stage 1 — corpus parsing: zh-wiki Markdown and plain-text files → validated {@link Article}s.
 * Pure functions; reading files is the job of `src/io`.
 */
export { type AliasTable, buildAliasTable, namesFor } from './aliases';
export { type InlineLink, linkTarget, renderInline } from './inline';
export {
  articleUrl,
  type CorpusWarning,
  type ParseResult,
  parseMarkdownArticle,
  parsePlainTextArticle,
  titleFromFileName,
} from './parseArticle';
export { AliasFile, Article, Mention, Paragraph, Sentence } from './schema';
export { type SentenceSpan, splitSentences } from './splitSentences';
