/**
 * The benchmark corpora, written as corpus folders (so that every figure goes through the same
 * path as the CLI and the bot: `loadCorpus` → `buildIndex` → prebuilt index file), and the
 * fixed query and autocomplete sets asked of each one, taken from the corpus itself.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js/cn2t';
import { pinyin } from 'pinyin-pro';
import { ROOT } from './lib/child';
import { loadQaSet, type QaSet, writeQaCorpus } from './qaSets';

export type CorpusName = 'seed' | 'seed+wiki' | 'cmrc' | 'x10';

/** One query as a user types it (CLI line: `/battle 包头` or free text, i.e. `/ask`). */
export type BenchQuery = { kind: QueryKind; line: string };
export type QueryKind = 'name' | 'question' | 'traditional' | 'pinyin' | 'date' | 'command';

export type CorpusSpec = {
  name: CorpusName;
  label: string;
  dir: string;
  /** where its prebuilt index is written (a temp folder, never the shared .cache) */
  indexDir: string;
  runs: { build: number; load: number; query: number };
  /** the mixed query set (kind `command` = /timeline, /sources, /help: reported apart) */
  queries: BenchQuery[];
  /** what users type into `/battle name` while autocomplete runs */
  prefixes: string[];
  /** V8 old-space limit for its child processes */
  maxOldSpaceMb: number;
  timeoutMs: { build: number; serve: number };
};

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** The campaign corpora's fixed query list: names, questions, traditional, pinyin, dates. */
export const CAMPAIGN_QUERIES: BenchQuery[] = [
  ...[
    '/battle 包头',
    '/battle 归绥',
    '/who 傅作义',
    '/who 贺龙',
    '包头',
    '绥远战役',
    '聂荣臻',
    '/battle 大同',
  ].map((line) => ({ kind: 'name' as const, line })),
  ...['歸綏', '/battle 歸綏', '傅作義', '賀龍什麼時候進攻包頭', '綏遠戰役的結果如何', '/who 聶榮臻'].map(
    (line) => ({
      kind: 'traditional' as const,
      line,
    }),
  ),
  ...['baotou', 'fu zuoyi', 'helong', 'guisui', 'nie rongzhen', 'He Long'].map((line) => ({
    kind: 'pinyin' as const,
    line,
  })),
  ...[
    '贺龙什么时候进攻包头',
    '谁指挥了绥远战役？',
    '绥远战役的结果是什么',
    '傅作义为什么撤退',
    '八路军攻占了哪些城市',
    '上党战役谁指挥',
    '归绥在哪里',
    '绥远战役持续了多久',
  ].map((line) => ({ kind: 'question' as const, line })),
  ...['12月', '10月18日', '1945年', '11月9日', '1945年10月'].map((line) => ({ kind: 'date' as const, line })),
  ...['/timeline', '/timeline 归绥', '/sources', '/help'].map((line) => ({ kind: 'command' as const, line })),
];

const CAMPAIGN_NAMES = [
  '包头',
  '归绥',
  '绥远战役',
  '傅作义',
  '贺龙',
  '聂荣臻',
  '大同',
  '集宁',
  '平绥路战役',
  '呼和浩特',
  '上党战役',
  '八路军',
];

/** What a user types while autocomplete runs: '', 1–3 character prefixes, traditional, pinyin prefixes. */
export function autocompletePrefixes(names: readonly string[]): string[] {
  const out = new Set<string>(['']);
  for (const name of names) {
    const chars = Array.from(name);
    for (let n = 1; n <= 3 && n <= chars.length; n++) out.add(chars.slice(0, n).join(''));
    if (chars.length >= 2) out.add(toTraditional(chars.slice(0, 2).join('')));
    const key = pinyinSyllables(name).join('');
    for (const n of [2, 3, 4]) if (key.length >= n) out.add(key.slice(0, n));
    if (key.length > 4) out.add(key);
  }
  return [...out];
}

/** Toneless pinyin syllables of the CJK characters of `text`. */
export function pinyinSyllables(text: string): string[] {
  return (pinyin(text, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' }) as string[])
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter(Boolean);
}

/** Every `step`-th element so that `n` come out, spread over the whole list (deterministic). */
export function spread<T>(list: readonly T[], n: number, offset = 0): T[] {
  if (list.length <= n) return [...list];
  const step = list.length / n;
  return Array.from({ length: n }, (_, i) => list[Math.floor(offset + i * step) % list.length] as T);
}

/** The entry title of a QA article (`范廷颂·DEV_0` → 范廷颂). */
export function entryTitle(title: string): string {
  return title.replace(/·[^·]*$/, '').trim();
}

/** Names worth asking about in a QA set: entry titles of 2–8 CJK characters. */
export function qaNames(set: QaSet): string[] {
  const names = new Set<string>();
  for (const a of set.articles) {
    const t = entryTitle(a.title);
    if (/^[\p{Script=Han}]{2,8}$/u.test(t)) names.add(t);
  }
  return [...names];
}

/**
 * A mixed query set from a QA set: real questions, the same questions in traditional script
 * (DRCD's are traditional already: those count as `traditional`), names as `/battle` and `/who`,
 * pinyin of names, and dates that occur in the paragraphs.
 */
export function qaQueries(
  set: QaSet,
  size: { question: number; name: number; pinyin: number; date: number },
): BenchQuery[] {
  const traditionalSet = set.name === 'drcd';
  const questions = spread(set.questions, size.question).map((q) => q.question);
  const out: BenchQuery[] = [];
  questions.forEach((q, i) => {
    if (traditionalSet) out.push({ kind: 'traditional', line: q });
    else if (i % 3 === 2) out.push({ kind: 'traditional', line: toTraditional(q) });
    else out.push({ kind: 'question', line: q });
  });
  const all = qaNames(set);
  const names = spread(all, size.name);
  names.forEach((name, i) => {
    out.push({ kind: 'name', line: i % 3 === 0 ? `/who ${name}` : i % 3 === 1 ? `/battle ${name}` : name });
  });
  // Pinyin is typed for short names (people, places), not for 8-character terms.
  for (const name of spread(
    all.filter((n) => n.length <= 4 && !names.includes(n)),
    size.pinyin,
    1,
  )) {
    const syl = pinyinSyllables(name);
    // Person-like names typed "fan tingsong", others as one word ("beijing").
    out.push({
      kind: 'pinyin',
      line: syl.length === 3 ? `${syl[0]} ${syl.slice(1).join('')}` : syl.join(''),
    });
  }
  const dates = new Set<string>();
  const DATE = /(?:1[0-9]|20)\d\d年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|(?:1[0-9]|20)\d\d年/g;
  for (const text of set.texts) for (const m of text.match(DATE) ?? []) dates.add(m);
  for (const d of spread([...dates].sort(), size.date)) out.push({ kind: 'date', line: d });
  out.push(...['/timeline', '/sources', '/help'].map((line) => ({ kind: 'command' as const, line })));
  return out;
}

/** Names for autocomplete prefixes from a QA set. */
export function qaAutocompleteNames(set: QaSet, n: number): string[] {
  return spread(qaNames(set), n, 1);
}

/**
 * Writes the corpus folders under `tmp` and returns the specs, in the order they run.
 * `x10` repeats every CMRC and DRCD paragraph ten times, each copy with its own title.
 */
export function prepareCorpora(
  tmp: string,
  options: { x10: boolean; wiki: string; qaNow?: { cmrc: QaSet; drcd: QaSet } },
): CorpusSpec[] {
  const seedDir = join(ROOT, 'corpus');
  const specs: CorpusSpec[] = [];
  const campaignAc = autocompletePrefixes(CAMPAIGN_NAMES);
  specs.push({
    name: 'seed',
    label: 'seed (corpus/)',
    dir: seedDir,
    indexDir: join(tmp, 'index-seed'),
    runs: { build: 7, load: 7, query: 20 },
    queries: CAMPAIGN_QUERIES,
    prefixes: campaignAc,
    maxOldSpaceMb: 2048,
    timeoutMs: { build: 120_000, serve: 120_000 },
  });

  const wikiDir = join(tmp, 'corpus-seed-wiki');
  mkdirSync(wikiDir, { recursive: true });
  for (const from of [seedDir, options.wiki]) {
    for (const file of readdirSync(from)) copyFileSync(join(from, file), join(wikiDir, file));
  }
  specs.push({
    name: 'seed+wiki',
    label: 'seed + corpus-wiki',
    dir: wikiDir,
    indexDir: join(tmp, 'index-wiki'),
    runs: { build: 5, load: 5, query: 10 },
    queries: CAMPAIGN_QUERIES,
    prefixes: campaignAc,
    maxOldSpaceMb: 2048,
    timeoutMs: { build: 180_000, serve: 180_000 },
  });

  const cmrc = options.qaNow?.cmrc ?? loadQaSet('cmrc');
  const drcd = options.qaNow?.drcd ?? loadQaSet('drcd');
  const cmrcDir = join(tmp, 'corpus-cmrc');
  writeQaCorpus(cmrc, cmrcDir);
  specs.push({
    name: 'cmrc',
    label: 'CMRC 2018 dev paragraphs',
    dir: cmrcDir,
    indexDir: join(tmp, 'index-cmrc'),
    runs: { build: 2, load: 3, query: 5 },
    queries: qaQueries(cmrc, { question: 90, name: 30, pinyin: 20, date: 20 }),
    prefixes: autocompletePrefixes(qaAutocompleteNames(cmrc, 40)),
    maxOldSpaceMb: 4096,
    timeoutMs: { build: 300_000, serve: 300_000 },
  });

  if (options.x10) {
    const x10Dir = join(tmp, 'corpus-x10');
    mkdirSync(x10Dir, { recursive: true });
    for (let k = 0; k < 10; k++) {
      for (const set of [cmrc, drcd]) {
        set.texts.forEach((text, i) => {
          const nl = text.indexOf('\n');
          const file = `r${k}_${set.name}_${String(i).padStart(4, '0')}.txt`;
          writeFileSync(join(x10Dir, file), `${text.slice(0, nl)}·r${k}${text.slice(nl)}`);
        });
      }
    }
    const half = (q: BenchQuery[]) => q.filter((x) => x.kind !== 'command');
    const queries = [
      ...half(qaQueries(cmrc, { question: 30, name: 10, pinyin: 6, date: 6 })),
      ...half(qaQueries(drcd, { question: 30, name: 10, pinyin: 6, date: 6 })),
      ...['/timeline', '/sources', '/help'].map((line) => ({ kind: 'command' as const, line })),
    ];
    specs.push({
      name: 'x10',
      label: '×10 (CMRC + DRCD paragraphs × 10)',
      dir: x10Dir,
      indexDir: join(tmp, 'index-x10'),
      runs: { build: 1, load: 1, query: 3 },
      queries,
      prefixes: autocompletePrefixes([...qaAutocompleteNames(cmrc, 20), ...qaAutocompleteNames(drcd, 20)]),
      maxOldSpaceMb: 14_000,
      timeoutMs: { build: 420_000, serve: 300_000 },
    });
  }
  return specs;
}
