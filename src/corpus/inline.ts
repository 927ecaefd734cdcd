/**
 * Inline zh-wiki Markdown (pandoc output) → plain text plus wikilink spans.
 * Written by hand: general Markdown parsers (marked, remark) keep pandoc's escapes, footnote
 * markers and image residue as text, and none knows the wikilink conventions of this dump
 * (../shared/docs/corpus-format.md), so we would post-process their output anyway.
 */

export type InlineLink = { anchor: string; target: string; start: number; end: number };
export type InlineText = { text: string; links: InlineLink[] };

const WIKI_BASE = 'https://zh.wikipedia.org/wiki/';

// `[anchor](target "title")`; the target may hold escaped parentheses: 察哈爾省_\(中華民國\).md
const LINK = /\[((?:\\.|[^[\]\\]|\[(?:\\.|[^[\]\\])*\])*)\]\(((?:\\.|[^\s)\\])*)(?:\s+"([^"]*)")?\)/g;
// Images: `[X.jpg](…/File:X.jpg "fig:X.jpg")caption text\]\]`; the caption is residue, not prose.
const IMAGE_WITH_CAPTION =
  /\[(?:\\.|[^[\]\\])*\]\([^)\s]*(?:File|Image|文件|檔案|图像|圖像):[^)]*\)(?:.*?\\\]\\\])?/g;
// `[File:Zhude.jpg|總司令](File:Zhude.jpg%7C總司令)`
const FILE_LINK = /\[(?:File|Image):[^\]]*\]\([^)]*\)/g;
const FOOTNOTE = /\\\[(?:[^\\\]\n]|\\(?!\]))*?\\\]/g;
const ZH_CONVERSION = /-\{(?:[^{}|]*\|)?([^{}]*)\}-/g;
const HTML_TAG = /<\/?[a-zA-Z][^<>]*>/g;
const TEMPLATE_RESIDUE = /\{\{[^{}]*\}\}|\{\{|\}\}/g;
const EMPTY_PARENS = /（\s*[，,、;；]?\s*）|\(\s*[,，;；]?\s*\)/g;
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
// One pass so that an escaped `\*` survives as `*` while bare `**` (bold) disappears.
const ESCAPE_OR_EMPHASIS = /\\([\\`*_{}[\]()#+\-.!|<>~"'$^&@=:;,/])|\*+/g;
const STRAY_CLOSE = /\\\]\\\]|\]\]/g;

/** Percent-decodes a link target; a malformed escape leaves the raw text rather than throwing. */
function decodeTarget(raw: string): string {
  let target = raw.replace(/\\([()])/g, '$1');
  try {
    target = decodeURIComponent(target);
  } catch {
    // keep as is: a stray % in a title is still a usable title
  }
  return target.replace(/_/g, ' ').trim();
}

/**
 * The article title a link points at, or `undefined` for links that are not articles
 * (external sites, files, categories, anchors).
 *
 * @example
 * linkTarget('../Page/察哈爾省_\\(中華民國\\).md') // '察哈爾省 (中華民國)'
 * linkTarget('https://zh.wikipedia.org/wiki/绥远省') // '绥远省'
 */
export function linkTarget(href: string): string | undefined {
  let raw: string | undefined;
  const page = /^(?:\.\.\/)?Page\/(.+?)\.md(?:#.*)?$/.exec(href);
  if (page) raw = page[1];
  else if (href.startsWith(WIKI_BASE)) raw = href.slice(WIKI_BASE.length).split('#')[0];
  if (raw === undefined) return undefined;
  const target = decodeTarget(raw);
  if (
    !target ||
    /^(?:category|file|image|template|wikipedia|help|portal|special|talk|user|分类|分類|文件|檔案):/i.test(
      target,
    )
  ) {
    return undefined;
  }
  return target;
}

/** Category name of a `[Category:X](…)` href, or `undefined`. */
export function categoryOf(href: string): string | undefined {
  const m = /^https:\/\/zh\.wikipedia\.org\/wiki\/(?:Category|分类|分類):(.+)$/i.exec(href);
  return m?.[1] ? decodeTarget(m[1]) : undefined;
}

/** Removes inline markup that carries no words: footnotes, bold, templates, tags, escapes. */
export function cleanPlain(md: string): string {
  return md
    .replace(HTML_COMMENT, '')
    .replace(FOOTNOTE, '')
    .replace(STRAY_CLOSE, '')
    .replace(TEMPLATE_RESIDUE, '')
    .replace(ZH_CONVERSION, '$1')
    .replace(/-\{\}-/g, '')
    .replace(HTML_TAG, '')
    .replace(ESCAPE_OR_EMPHASIS, (_all, escaped: string | undefined) => escaped ?? '')
    .replace(EMPTY_PARENS, '')
    .replace(/[ \t\u00A0\u3000]{2,}/g, ' ');
}

/**
 * Renders one line of inline Markdown to plain text, keeping each wikilink's anchor text in
 * place and recording where it sits and which article it points at.
 *
 * @example
 * renderInline('[贺龙](../Page/贺龙.md "wikilink")部转攻[包头](https://zh.wikipedia.org/wiki/包头 "wikilink")。')
 * // { text: '贺龙部转攻包头。', links: [{ anchor: '贺龙', target: '贺龙', start: 0, end: 2 }, …] }
 */
export function renderInline(md: string): InlineText {
  const source = md.replace(IMAGE_WITH_CAPTION, '').replace(FILE_LINK, '');
  const links: InlineLink[] = [];
  let text = '';
  let last = 0;
  for (const m of source.matchAll(LINK)) {
    const index = m.index ?? 0;
    text += cleanPlain(source.slice(last, index));
    last = index + m[0].length;
    const href = m[2] ?? '';
    if (categoryOf(href)) continue; // categories are metadata, collected elsewhere
    const anchor = cleanPlain(m[1] ?? '').replace(LINK, '$1');
    const target = linkTarget(href);
    const start = text.length;
    text += anchor;
    if (target && anchor.trim()) links.push({ anchor, target, start, end: text.length });
  }
  text += cleanPlain(source.slice(last));
  return fixEmptyParens({ text, links });
}

// Removing a birth/death template leaves `（）` that only shows once links are flattened:
// `**吕正操**（），` → `吕正操，`. Links after the cut shift left.
function fixEmptyParens(inline: InlineText): InlineText {
  let { text, links } = inline;
  for (;;) {
    EMPTY_PARENS.lastIndex = 0;
    const m = EMPTY_PARENS.exec(text);
    if (!m) return { text, links };
    const at = m.index;
    const cut = m[0].length;
    text = text.slice(0, at) + text.slice(at + cut);
    links = links
      .filter((l) => l.end <= at || l.start >= at + cut)
      .map((l) => (l.start >= at + cut ? { ...l, start: l.start - cut, end: l.end - cut } : l));
  }
}
