import * as OpenCC from 'opencc-js/t2cn';

// Traditional → simplified must run on the whole string *before* segmenting: segmenters and
// bigrams see 傅作義 and 傅作义 as different words otherwise (../shared/docs/chinese-search.md).
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

// Zero-width and bidi controls survive NFKC; they would split bigrams and hide matches.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;
// A lone surrogate is not text; it would make OpenCC and JSON output misbehave.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Folds text for matching: Unicode NFKC (full-width → ASCII), traditional → simplified
 * (OpenCC `t` → `cn`), lower case, invisible characters and lone surrogates removed.
 *
 * Query and index both go through this, so 歸綏 finds 归绥 and ＢＡＯＴＯＵ finds baotou.
 * The result can differ in length from the input: use it for matching, never for offsets.
 *
 * @example
 * foldText('傅作義 歸綏') // '傅作义 归绥'
 */
export function foldText(text: string): string {
  const clean = text.replace(LONE_SURROGATE, '').normalize('NFKC').replace(INVISIBLE, '');
  return toSimplified(clean).toLowerCase();
}

// Every stage folds the same sentences (index, people, outcomes, battles); folding is the
// costliest step of indexing (OpenCC), so it is done once per sentence object.
const folded = new WeakMap<object, string>();

/**
 * {@link foldText} of a sentence's text, computed once per sentence object.
 *
 * @example
 * foldSentence({ text: '傅作義' }) // '傅作义'
 */
export function foldSentence(sentence: { readonly text: string }): string {
  let value = folded.get(sentence);
  if (value === undefined) {
    value = foldText(sentence.text);
    folded.set(sentence, value);
  }
  return value;
}
