/**
 * Shared fast-check settings and input generators for the property-based tests in tests/fuzz.
 *
 * Every property runs with a fixed seed, so a CI failure reproduces exactly. To explore new
 * inputs, run with a random seed (printed by fast-check when a property fails, together with
 * the shrunk counterexample and a `path` to replay it):
 *
 *   FUZZ_SEED=random node --import tsx --test tests/fuzz/*.test.ts
 *   FUZZ_SEED=1234 FUZZ_SCALE=10 node --import tsx --test tests/fuzz/answering.test.ts   # 10x the runs
 */
import fc from 'fast-check';

const envSeed = process.env.FUZZ_SEED;
/** The seed of every property: 42, or `$FUZZ_SEED` (`random` picks one per process). */
export const FUZZ_SEED =
  envSeed === 'random' ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : Number(envSeed ?? 42) | 0;
const SCALE = Math.max(0.01, Number(process.env.FUZZ_SCALE ?? 1) || 1);

/** fast-check parameters: `numRuns` (scaled by `$FUZZ_SCALE`) with the shared seed. */
export function fuzz(numRuns: number): fc.Parameters<unknown> {
  return { numRuns: Math.max(1, Math.round(numRuns * SCALE)), seed: FUZZ_SEED };
}

const codePoint = (min: number, max: number) => fc.integer({ min, max }).map((n) => String.fromCodePoint(n));

/** Words the corpus knows, so that some inputs reach the deep paths (matches, facts, dates). */
export const CORPUS_WORDS = [
  '包头',
  '归绥',
  '歸綏',
  '呼和浩特',
  '绥远战役',
  '平绥路战役',
  '平綏路戰役',
  '傅作义',
  '傅作義',
  '贺龙',
  '聂荣臻',
  '张家口',
  '大同',
  '八路军',
  '国民党',
  '进攻',
  '撤退',
  '战役',
  '谁指挥了',
  '什么时候',
  '结果',
  '为什么',
  'baotou',
  'fu zuoyi',
  'He Long',
];

/** Markup and hostile tokens: Markdown, wikilinks, tables, mentions, slash-command syntax, dates. */
// Slash commands as typed (one localized name among them), in the hostile tokens and the command lines.
const SLASH_COMMANDS = ['/battle', '/ask', '/who', '/timeline', '/sources', '/help', '/战役'];

export const HOSTILE_TOKENS = [
  '**',
  '*',
  '_',
  '`',
  '```',
  '~~',
  '||',
  '\\',
  '\\[',
  '\\]',
  '[',
  ']',
  '(',
  ')',
  '](',
  '[[',
  ']]',
  '{{',
  '}}',
  '-{',
  '}-',
  '<!--',
  '-->',
  '<table>',
  '</table>',
  '<ref>',
  '<br/>',
  '|',
  '| a | b |',
  '|---|---|',
  '# ',
  '## ',
  '> ',
  '- ',
  '1. ',
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<#1>',
  ...SLASH_COMMANDS,
  '/nope',
  'name:',
  'private:',
  'private:true',
  'private:maybe',
  'question：',
  ':',
  '：',
  '1945年',
  '10月18日',
  '11月9日',
  '十月十八日',
  '民国三十四年',
  '上旬',
  '中旬',
  '下旬',
  '至',
  '到',
  '—',
  '次日',
  '同年',
  '2月30日',
  '13月',
  '９９９９年',
  '。',
  '！',
  '？',
  '；',
  '，',
  '、',
  '“',
  '”',
  '「',
  '」',
  '（',
  '）',
  '…',
  '%',
  '%E5%8C',
  '%%',
  'https://zh.wikipedia.org/wiki/',
  '../Page/包头.md',
  '[包头](../Page/包头.md "wikilink")',
  '[Category:战役](https://zh.wikipedia.org/wiki/Category:战役)',
  '[File:x.jpg](File:x.jpg)',
  '\\[1\\]',
  '[\\[1\\]](https://x.y/)',
  '😀',
  '👨‍👩‍👧',
  '🇨🇳',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\u3000',
  '\u00a0',
];

/**
 * One "character" of hostile text: ASCII, CJK, any code point, lone surrogates, combining marks,
 * RTL letters and bidi controls, zero-width and control characters, full-width forms, plus the
 * corpus words and markup tokens above.
 */
export const hostileUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: codePoint(0x20, 0x7e) },
  { weight: 6, arbitrary: codePoint(0x4e00, 0x9fff) },
  { weight: 4, arbitrary: fc.constantFrom(...CORPUS_WORDS) },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TOKENS) },
  { weight: 2, arbitrary: codePoint(0, 0x10ffff).filter((s) => s.length > 0) },
  // lone surrogates (high or low), which no well-formed text contains
  { weight: 2, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n)) },
  { weight: 1, arbitrary: codePoint(0x300, 0x36f) }, // combining marks
  { weight: 1, arbitrary: codePoint(0x1ab0, 0x1aff) },
  { weight: 1, arbitrary: codePoint(0x590, 0x6ff) }, // Hebrew, Arabic
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '\u200b',
      '\u200c',
      '\u200d',
      '\u200e',
      '\u200f',
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2060',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\ufeff',
      '\u00ad',
      '\u061c',
      '\ufffd',
      '\ufffe',
      '\uffff',
    ),
  },
  { weight: 1, arbitrary: codePoint(0, 0x1f) }, // C0 controls, NUL included
  { weight: 1, arbitrary: codePoint(0x7f, 0x9f) }, // DEL, C1 controls
  { weight: 1, arbitrary: codePoint(0xff01, 0xff5e) }, // full-width ASCII
  { weight: 1, arbitrary: codePoint(0xf900, 0xfaff) }, // CJK compatibility ideographs (NFKC changes them)
  { weight: 1, arbitrary: codePoint(0x20000, 0x2a6df) }, // CJK extension B (astral)
);

/** Hostile text of up to `maxUnits` units (a unit is one character or one token). */
export function hostileText(maxUnits: number, minUnits = 0): fc.Arbitrary<string> {
  return fc.array(hostileUnit, { minLength: minUnits, maxLength: maxUnits }).map((units) => units.join(''));
}

/** Discord's limit for a string option. */
export const DISCORD_OPTION_MAX = 6_000;

/**
 * A user's query as Discord could deliver it: mostly short (the realistic case, which reaches
 * the search), sometimes around the 1,000-character limit, sometimes up to Discord's 6,000.
 */
export const queryText: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: hostileText(12) },
  { weight: 3, arbitrary: hostileText(60) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(hostileText(8, 1), fc.integer({ min: 990, max: DISCORD_OPTION_MAX }))
      .map(([chunk, length]) => chunk.repeat(Math.ceil(length / chunk.length)).slice(0, length)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('包', 'x', ' ', '。', '\u200b', '包头 '), fc.integer({ min: 995, max: 1_005 }))
      .map(([c, n]) => c.repeat(n)),
  },
);

/**
 * A line as a user types a slash command: a command word (real, localized, unknown, malformed)
 * then up to `maxParts` parts, each free text or an `option:value` pair (real, localized and
 * bogus option names, full-width colons, odd values).
 */
export function slashCommandLine(text: fc.Arbitrary<string>, maxParts: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...SLASH_COMMANDS, '/提问', '/nope', '/BATTLE', '/battle:', '／battle', '/', ''),
      fc.array(
        fc.oneof(
          text,
          fc
            .tuple(
              fc.constantFrom('name', 'question', 'battle', 'private', '名称', '问题', 'bogus'),
              fc.constantFrom(':', '：', '::'),
              fc.oneof(hostileText(4), fc.constantFrom('true', 'maybe', '', '是', '0')),
            )
            .map((p) => p.join('')),
        ),
        { maxLength: maxParts },
      ),
    )
    .map(([head, parts]) => [head, ...parts].join(' '));
}

/** True when `text` holds a UTF-16 surrogate that is not half of a pair. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
