/**
 * Property-based tests of the tokenizer / normalizer: folding, query analysis, search and the
 * term helpers on any Unicode — lone surrogates, combining marks, RTL and bidi controls,
 * zero-width and control characters, full-width forms, astral CJK. Seeded: see arbitraries.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeQuery, bigrams, dateTerms, decodeTerm, encodeTerm, searchSentences } from '../../src/search';
import { latinWords } from '../../src/search/terms';
import { foldText } from '../../src/text/fold';
import { seedContext } from '../helpers/corpora';
import { fuzz, hasLoneSurrogate, hostileText, queryText } from './arbitraries';

const seed = seedContext().index;

/** Any JavaScript string: arbitrary UTF-16 code units, so lone surrogates are common. */
const anyUtf16 = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
  maxLength: 80,
});

describe('foldText on any Unicode', () => {
  it('never throws, never returns a lone surrogate or an invisible control (3,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyUtf16, hostileText(40), fc.string({ unit: 'binary', maxLength: 60 })),
        (text) => {
          const folded = foldText(text);
          assert.equal(typeof folded, 'string');
          assert.ok(!hasLoneSurrogate(folded), `lone surrogate in ${JSON.stringify(folded)}`);
          assert.doesNotMatch(folded, /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/);
        },
      ),
      fuzz(3_000),
    );
  });
});

describe('analyzeQuery and searchSentences on any Unicode', () => {
  // (the wide corpus is exercised through answerQuestion in answering.test.ts)
  const check = (index: typeof seed, query: string) => {
    const analyzed = analyzeQuery(index, query);
    const strings = [
      analyzed.folded,
      analyzed.content,
      ...analyzed.terms.keys(),
      ...analyzed.units.flatMap((u) => u.alternatives.flat()),
      ...analyzed.unknownRuns,
      ...analyzed.unknownWords,
      ...analyzed.entities,
    ];
    for (const s of strings) assert.ok(!hasLoneSurrogate(s), `lone surrogate in ${JSON.stringify(s)}`);
    for (const u of analyzed.units) assert.ok(Number.isFinite(u.weight) && u.weight > 0, 'unit weight');
    assert.ok(Number.isFinite(analyzed.missingWeight) && analyzed.missingWeight >= 0);
    const hits = searchSentences(index, analyzed);
    for (const h of hits) {
      assert.ok(Number.isFinite(h.score), 'finite score');
      assert.ok(h.coverage >= 0 && h.coverage <= 1 + 1e-9, `coverage ${h.coverage}`);
      assert.equal(index.sentences[h.item.ref], h.item);
    }
  };

  it('never throws, and yields no lone surrogate, on the seed index (3,000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(queryText, anyUtf16), (query) => check(seed, query)),
      fuzz(3_000),
    );
  });
});

describe('term helpers on any Unicode', () => {
  it('bigrams never split a surrogate pair; encodeTerm round-trips; dateTerms and latinWords never throw (3,000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText(30), fc.string({ unit: 'binary', maxLength: 40 })), (raw) => {
        const text = foldText(raw);
        for (const g of bigrams(text)) assert.ok(!hasLoneSurrogate(g));
        for (const w of latinWords(text)) assert.ok(w.length > 0 && !hasLoneSurrogate(w));
        for (const d of dateTerms(text)) assert.match(d, /^\d+[年月日]$|^\d+月\d+日$/);
        if (text) assert.equal(decodeTerm(encodeTerm(text)), text);
      }),
      fuzz(3_000),
    );
  });
});
