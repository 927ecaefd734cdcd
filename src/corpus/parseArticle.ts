import { WIKIPEDIA_BASE_URL, WIKIPEDIA_SEARCH_URL } from '../constants';
import { foldText } from '../text/fold';
import { categoryOf, cleanPlain, type InlineLink, linkTarget, renderInline } from './inline';
import { Article, type Mention, type Paragraph, type Sentence } from './schema';
import { splitSentences } from './splitSentences';

/** A problem in one corpus file; `line` is 1-based where it applies. */
export type CorpusWarning = { file: string; line?: number; message: string };
export type ParseResult = { article?: Article; warnings: CorpusWarning[] };

// Sections whose lists are navigation or references, not prose (folded to simplified).
const NON_PROSE_SECTIONS =
  /^(?:参见|参考|参考文献|参考资料|参考书目|参考来源|注释|注解|脚注|外部链接|外部连结|相关条目|延伸阅读|扩展阅读|来源|资料来源|引用|书目)$/;
const ALIAS_KEYWORDS =
  /(?:又称|亦称|简称|或称|又名|亦名|别称|别名|旧称|原称|俗称|通称|又叫|也称|全称|亦作|又作)[为作：:]?/g;
// Generic heads that an alias list shares with its last item: 绥远、归绥、包头战役 → 绥远战役 …
const EVENT_SUFFIXES = [
  '围城战',
  '保卫战',
  '战役',
  '战斗',
  '会战',
  '之战',
  '战争',
  '事变',
  '起义',
  '作战',
  '攻势',
  '运动',
  '惨案',
  '条约',
];
const LIST_ITEM = /^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The citation link of an article: `https://zh.wikipedia.org/wiki/<title>`, spaces as `_`,
 * percent-encoded so that it survives Markdown and Discord link parsing.
 *
 * @example
 * articleUrl('察哈爾省 (中華民國)') // 'https://zh.wikipedia.org/wiki/%E5%AF%9F…_(%E4%B8%AD…)'
 */
const DOT_SEGMENT = /(?:^|\/)\.{1,2}(?:\/|$)/;

export function articleUrl(title: string): string {
  // encodeURIComponent throws on a lone surrogate; spell it U+FFFD as a UTF-8 decoder would.
  const wellFormed = title.replace(LONE_SURROGATE, '\uFFFD');
  const path = encodeURIComponent(wellFormed.replace(/ /g, '_'));
  // A `.` or `..` part (a .txt titled ../../admin) would walk the link out of /wiki/, as URL parsers
  // resolve it, percent-encoded or not; Wikipedia has no such title, so the link searches for it.
  if (DOT_SEGMENT.test(wellFormed)) return `${WIKIPEDIA_SEARCH_URL}${path}`;
  return WIKIPEDIA_BASE_URL + path.replace(/%2F/g, '/'); // a title's slashes stay (subpages)
}

/**
 * Title of a corpus file from its name: `察哈爾省_(中華民國).md` → `察哈爾省 (中華民國)`.
 */
export function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.(md|txt|markdown)$/i, '');
  let title = base;
  try {
    title = decodeURIComponent(base);
  } catch {
    // a stray % stays literal
  }
  return title.replace(/_/g, ' ').trim();
}

type Block =
  | { kind: 'prose'; line: number; section: string | null; lines: string[] }
  | { kind: 'list'; line: number; section: string | null; lines: string[] };

/**
 * Parses one zh-wiki Markdown article (pandoc output of the zhwiki dump) into an {@link Article}:
 * prose paragraphs split into sentences with stable ids, wikilink mentions, aliases,
 * categories and related titles. Tables, categories, images, templates and reference
 * lists never become sentences.
 *
 * Pure: the caller reads the file; problems come back as warnings, never as exceptions.
 *
 * @example
 * parseMarkdownArticle(seedText, '平绥路战役.md').article?.paragraphs[2]?.sentences[1]?.text
 * // '11月9日，贺龙部转攻包头。'
 */
export function parseMarkdownArticle(markdown: string, file: string): ParseResult {
  const title = titleFromFileName(file);
  const warnings: CorpusWarning[] = [];
  const lines = stripMultilineMarkup(markdown.replace(/^\uFEFF/, '')).split(/\r\n|\r|\n/);
  const categories: string[] = [];
  const related: string[] = [];
  const blocks: Block[] = [];
  let section: string | null = null;
  let current: Block | undefined;
  let inHtmlTable = false;
  let inGallery = false;

  const close = () => {
    if (current) blocks.push(current);
    current = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const lineNo = i + 1;
    const trimmed = raw.trim();

    // A fenced code block (``` or ~~~, as CommonMark) is not prose: none of it is a sentence. A
    // fence never closed is a stray line, not the start of a block that swallows the article.
    const opening = /^(`{3,}|~{3,})/.exec(trimmed)?.[1];
    if (opening) {
      close();
      const end = lines.findIndex(
        (l, j) => j > i && l.trim().startsWith(opening) && l.trim().slice(opening.length).trim() === '',
      );
      if (end > i) i = end;
      continue;
    }
    if (inHtmlTable) {
      collectTargets(raw, related);
      if (/<\/table>/i.test(raw)) inHtmlTable = false;
      continue;
    }
    if (/^<table\b/i.test(trimmed)) {
      close();
      collectTargets(raw, related);
      inHtmlTable = !/<\/table>/i.test(raw);
      continue;
    }
    if (trimmed === '') {
      close();
      inGallery = false;
      continue;
    }
    // Gallery residue: `<File:1938> Chinese Comintern Ren` then `Bishi.jpg|caption`.
    if (/^<(?:File|Image|文件):/i.test(trimmed)) {
      close();
      inGallery = true;
      continue;
    }
    if (inGallery && /^[^|]*\.(?:jpe?g|png|gif|svg|tiff?)\|/i.test(trimmed)) continue;
    inGallery = false;

    const heading = HEADING.exec(raw);
    if (heading) {
      close();
      section = cleanPlain(renderInline(heading[2] ?? '').text).trim() || null;
      continue;
    }
    if (trimmed.startsWith('>')) {
      close(); // "本文内容由…转换而来" notices
      continue;
    }
    if (trimmed.startsWith('|')) {
      close();
      collectTargets(raw, related); // navbox rows name related articles
      continue;
    }
    const withoutCategories = collectCategories(raw, categories);
    if (withoutCategories.trim() === '') {
      close();
      continue;
    }
    if (/^(?:<references\s*\/?>|\{\{|\}\})$/i.test(trimmed)) continue;

    const isProseSection = !(section && NON_PROSE_SECTIONS.test(foldText(section)));
    const item = LIST_ITEM.exec(withoutCategories);
    if (item) {
      close();
      const body = item[2] ?? '';
      if (!isProseSection || isLinkOnly(body)) {
        collectTargets(body, related);
        continue;
      }
      current = { kind: 'list', line: lineNo, section, lines: [body] };
      continue;
    }
    if (!isProseSection) {
      collectTargets(withoutCategories, related);
      continue;
    }
    if (current) current.lines.push(withoutCategories);
    else current = { kind: 'prose', line: lineNo, section, lines: [withoutCategories] };
  }
  close();

  const paragraphs: Paragraph[] = [];
  let leadMarkdown: string | undefined;
  for (const block of blocks) {
    const paragraph = buildParagraph(title, paragraphs.length + 1, block);
    if (!paragraph) continue;
    if (leadMarkdown === undefined) leadMarkdown = block.lines.join('\n');
    paragraphs.push(paragraph);
  }
  if (paragraphs.length === 0) {
    warnings.push({ file, message: 'no prose paragraphs found; the file was skipped' });
    return { warnings };
  }

  const aliases = findAliases(title, leadMarkdown ?? '', paragraphs[0]?.text ?? '');
  const article = Article.safeParse({
    title,
    aliases,
    url: articleUrl(title),
    source: file,
    paragraphs,
    categories: unique(categories),
    related: unique(related.filter((t) => foldText(t) !== foldText(title))),
  });
  if (!article.success) {
    const issue = article.error.issues[0];
    warnings.push({
      file,
      message: `invalid article (${issue?.path.join('.')}: ${issue?.message}); skipped`,
    });
    return { warnings };
  }
  return { article: article.data, warnings };
}

/**
 * Parses a plain-text article: the first non-empty line is the title, paragraphs are
 * separated by blank lines, and there is no markup to remove.
 *
 * @example
 * parsePlainTextArticle('梵文\n\n在歐洲，梵語的學術研究……', 'x.txt').article?.title // '梵文'
 */
export function parsePlainTextArticle(text: string, file: string): ParseResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const titleIndex = lines.findIndex((l) => l.trim() !== '');
  if (titleIndex < 0) return { warnings: [{ file, message: 'empty file; skipped' }] };
  const title = (lines[titleIndex] ?? '').trim().replace(/^#+\s*/, '');
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (let i = titleIndex + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      if (current) blocks.push(current);
      current = undefined;
    } else if (current) current.lines.push(line);
    else current = { kind: 'prose', line: i + 1, section: null, lines: [line] };
  }
  if (current) blocks.push(current);
  const paragraphs: Paragraph[] = [];
  for (const block of blocks) {
    const paragraph = buildPlainParagraph(title, paragraphs.length + 1, block);
    if (paragraph) paragraphs.push(paragraph);
  }
  if (paragraphs.length === 0)
    return {
      warnings: [{ file, line: titleIndex + 1, message: 'no paragraphs after the title line; skipped' }],
    };
  const article = Article.safeParse({
    title,
    aliases: findAliases(title, '', paragraphs[0]?.text ?? ''),
    url: articleUrl(title),
    source: file,
    paragraphs,
    categories: [],
    related: [],
  });
  if (!article.success) {
    const issue = article.error.issues[0];
    return {
      warnings: [
        {
          file,
          line: titleIndex + 1,
          message: `invalid article (${issue?.path.join('.')}: ${issue?.message}); skipped`,
        },
      ],
    };
  }
  return { article: article.data, warnings: [] };
}

// --- internal ---

const SYMBOL_TEMPLATE = /\{\{\s*([→←↑↓↔·•–—])\s*\}\}/g;

// Templates and HTML comments can span lines; blank them out but keep the line count so that
// warnings and paragraph line numbers still point at the right line of the file.
function stripMultilineMarkup(markdown: string): string {
  const keepNewlines = (m: string) => m.replace(/[^\n]/g, '');
  // Templates that print a symbol keep it: {{→}} (a succession, 伍云甫{{→}}周子健) would otherwise
  // run two names together.
  let text = markdown
    .replace(/<!--[\s\S]*?-->/g, keepNewlines)
    .replace(SYMBOL_TEMPLATE, (_m, symbol: string) => symbol);
  for (let guard = 0; guard < 20; guard++) {
    const next = text.replace(/\{\{[^{}]*\}\}/g, (m) => (m.includes('\n') ? keepNewlines(m) : ''));
    if (next === text) break;
    text = next;
  }
  return text;
}

const CATEGORY_LINK = /\[(?:Category|分类|分類):[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/gi;

function collectCategories(line: string, into: string[]): string {
  return line.replace(CATEGORY_LINK, (_m, href: string) => {
    const name = categoryOf(href);
    if (name) into.push(name);
    return '';
  });
}

function collectTargets(markdown: string, into: string[]): void {
  for (const m of markdown.matchAll(/\]\(((?:\\.|[^\s)\\])*)/g)) {
    const target = linkTarget(m[1] ?? '');
    if (target) into.push(target);
  }
}

// A list item that is only links (a "see also" entry) names related articles, not facts.
function isLinkOnly(markdown: string): boolean {
  const inline = renderInline(markdown);
  const linked = inline.links.reduce((n, l) => n + l.anchor.length, 0);
  return inline.text.replace(/[\s、，,；;：:（）()→]/g, '').length <= linked;
}

// Joins a block's lines. A hard line break inside a sentence (`独\n立第二旅`) disappears;
// between two Latin words it becomes a space.
function joinLines(parts: { text: string; links: InlineLink[] }[]): { text: string; links: InlineLink[] } {
  let text = '';
  const links: InlineLink[] = [];
  for (const part of parts) {
    const piece = part.text.replace(/^\s+/, '');
    const shift = part.text.length - piece.length;
    if (!piece) continue;
    if (text && /[A-Za-z0-9]$/.test(text) && /^[A-Za-z0-9]/.test(piece)) text += ' ';
    const offset = text.length;
    text += piece;
    for (const l of part.links) {
      if (l.start - shift < 0) continue;
      links.push({ ...l, start: l.start - shift + offset, end: l.end - shift + offset });
    }
  }
  return { text, links };
}

function buildParagraph(title: string, index: number, block: Block): Paragraph | undefined {
  const joined = joinLines(block.lines.map((l) => renderInline(l)));
  return makeParagraph(title, index, block, joined.text.trimEnd(), joined.links);
}

function buildPlainParagraph(title: string, index: number, block: Block): Paragraph | undefined {
  const joined = joinLines(block.lines.map((l) => ({ text: l, links: [] })));
  return makeParagraph(title, index, block, joined.text.trimEnd(), []);
}

function makeParagraph(
  title: string,
  index: number,
  block: Block,
  text: string,
  links: InlineLink[],
): Paragraph | undefined {
  const sentences: Sentence[] = [];
  for (const span of splitSentences(text)) {
    const n = sentences.length + 1;
    const mentions: Mention[] = links
      .filter((l) => l.start < span.end && l.end > span.start)
      .map((l) => ({
        anchor: l.anchor,
        target: l.target,
        start: Math.max(0, l.start - span.start),
        end: Math.min(span.text.length, l.end - span.start),
      }));
    sentences.push({
      id: `${title}#p${index}.s${n}`,
      paragraph: index,
      sentence: n,
      text: span.text,
      start: span.start,
      end: span.end,
      mentions,
    });
  }
  if (sentences.length === 0) return undefined;
  return { index, section: block.section, line: block.line, text, sentences };
}

/**
 * Names the lead gives the subject: bold names (`**傅作義**`, `**宜生**`) and 又称/亦称/简称/或称
 * lists, where items share the last item's generic head (绥远、归绥、包头战役 → 绥远战役 …).
 */
function findAliases(title: string, leadMarkdown: string, leadText: string): string[] {
  const names: string[] = [];
  // `察哈爾省 (中華民國)` is also called plain 察哈爾省.
  const base = title.replace(/\s*[（(][^）)]*[）)]\s*$/, '');
  if (base && base !== title) names.push(base);
  const firstSentenceEnd = leadMarkdown.search(/[。！？]/);
  const opening = firstSentenceEnd >= 0 ? leadMarkdown.slice(0, firstSentenceEnd) : leadMarkdown;
  // Bold names before the first 又称: bold items inside the list are partial (**绥远** stands
  // for 绥远战役, not the province), so the list is expanded below instead.
  const keywordAt = foldText(opening).search(ALIAS_KEYWORDS);
  const boldZone =
    keywordAt >= 0 && foldText(opening).length === opening.length ? opening.slice(0, keywordAt) : opening;
  for (const m of boldZone.matchAll(/\*\*(.+?)\*\*/g)) {
    const name = renderInline(m[1] ?? '').text.trim();
    if (isPlausibleName(name)) names.push(name);
  }
  const sentenceEnd = leadText.search(/[。！？]/);
  const firstSentence = sentenceEnd >= 0 ? leadText.slice(0, sentenceEnd) : leadText;
  const folded = foldText(firstSentence);
  // Slice the original script where folding kept the length (it almost always does).
  const original = folded.length === firstSentence.length ? firstSentence : folded;
  for (const m of folded.matchAll(ALIAS_KEYWORDS)) {
    const at = m.index ?? 0;
    // 省會張垣（又稱張家口…）: a parenthesised 又称 names the word before it, not the subject.
    // But 邯郸战役（又称平汉战役）: a parenthesis right after the subject's name is about it.
    const open = openParenthesisBefore(folded, at);
    if (open >= 0 && !isPlausibleName(folded.slice(0, open).trim())) continue;
    const rest = original.slice(at + m[0].length);
    const stop = rest.search(/[，,。；;（(）)]|是|为|系/);
    const list = (stop >= 0 ? rest.slice(0, stop) : rest).replace(/[“”「」『』"]/g, '');
    const items = list
      .split(/、|和|及|与|或|以及|\//)
      .map((s) => s.trim())
      .filter(isPlausibleName);
    names.push(...expandSharedSuffix(items, title));
  }
  const seen = new Set([foldText(title)]);
  const out: string[] = [];
  for (const name of names) {
    const key = foldText(name);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** Index of the unclosed parenthesis enclosing `at`, or -1. */
function openParenthesisBefore(text: string, at: number): number {
  const opens: number[] = [];
  for (let i = 0; i < at; i++) {
    const ch = text[i];
    if (ch === '（' || ch === '(') opens.push(i);
    else if (ch === '）' || ch === ')') opens.pop();
  }
  return opens.length > 0 ? (opens[0] ?? -1) : -1;
}

function expandSharedSuffix(items: string[], title: string): string[] {
  const last = items[items.length - 1];
  if (!last || items.length < 2) return items;
  const foldedLast = foldText(last);
  const suffix =
    EVENT_SUFFIXES.find((s) => foldedLast.endsWith(s) && foldedLast.length > s.length) ??
    (foldText(title).endsWith(foldedLast.slice(-2)) && EVENT_SUFFIXES.includes(foldedLast.slice(-2))
      ? foldedLast.slice(-2)
      : undefined);
  if (!suffix) return items;
  const head = last.slice(last.length - suffix.length);
  return items.map((item) => (foldText(item).endsWith(suffix) ? item : item + head));
}

function isPlausibleName(name: string): boolean {
  return (
    name.length >= 2 && name.length <= 30 && !/[，。；：！？、,;:!?]/.test(name) && /[\p{L}\p{N}]/u.test(name)
  );
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
