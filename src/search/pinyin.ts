import { createRequire } from 'node:module';

type PinyinFn = typeof import('pinyin-pro').pinyin;
// Loaded on first use (~150 ms): a CLI run that loads a prebuilt index never needs it.
let pinyin: PinyinFn | undefined;
function loadPinyin(): PinyinFn {
  pinyin ??= (createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro')).pinyin;
  return pinyin;
}

const cache = new Map<string, string[]>();

/**
 * Toneless pinyin spellings of a CJK name, syllables joined: 傅作义 → ['fuzuoyi'];
 * ü is spelled both `v` and `u` because users type either (吕正操 → lvzhengcao, luzhengcao).
 *
 * Pinyin is added at index time only: added to queries it pulls in homophones (chinese-search.md).
 * Memoized because the same names recur in thousands of sentences.
 *
 * @example
 * pinyinKeys('包头') // ['baotou']
 */
export function pinyinKeys(name: string): string[] {
  const hit = cache.get(name);
  if (hit) return hit;
  const syllables = loadPinyin()(name, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' });
  const joined = syllables
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  const keys = joined.length >= 2 ? [...new Set([joined, joined.replace(/v/g, 'u')])] : [];
  cache.set(name, keys);
  return keys;
}

/**
 * Latin words of a query joined into the keys a pinyin name would have: "fu zuoyi" →
 * ['fu', 'zuoyi', 'fuzuoyi']; "He Long" → ['he', 'long', 'helong']. ü/u: typed `lü` becomes `lv`.
 */
export function latinQueryKeys(words: readonly string[]): string[] {
  const clean = words.map((w) => w.replace(/ü/g, 'v')).filter((w) => /^[a-z0-9]+$/.test(w));
  const keys = new Set(clean);
  for (let i = 0; i < clean.length; i++) {
    let joined = clean[i] ?? '';
    for (let j = i + 1; j < clean.length && j < i + 4; j++) {
      joined += clean[j];
      keys.add(joined);
    }
  }
  return [...keys];
}
