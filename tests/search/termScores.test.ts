import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeQuery, DEFAULT_TUNING, encodeTerm, loadIndex, serializeIndex } from '../../src/search';
import { scoreTerms } from '../../src/search/termScores';
import { wideContext } from '../helpers/corpora';

/**
 * `scoreTerms` claims minisearch's own scores: compare it with `MiniSearch#search` for every
 * sentence, on the seed + corpus-wiki index, for realistic questions and for sentences of the
 * corpus itself used as queries (many terms, all fields).
 */
describe('scoreTerms', () => {
  const { index } = wideContext();
  const questions = [
    '谁指挥了绥远战役？',
    '贺龙什么时候进攻包头',
    '傅作义退守哪里',
    '平型关大捷的结果',
    '邯郸战役中国民党军损失了多少人',
    '1945年10月18日',
    '呼和浩特',
    '上党战役的指挥官是谁',
    // every 40th sentence of the corpus as a query
    ...index.sentences.filter((_, i) => i % 40 === 0).map((s) => s.sentence.text),
  ];

  const compare = (engine: typeof index.engine, question: string) => {
    const keys = [...analyzeQuery(index, question).terms.keys()].map(encodeTerm);
    const expected = engine.search(keys.join(' '), {
      fields: Object.keys(DEFAULT_TUNING.fieldBoost),
      boost: DEFAULT_TUNING.fieldBoost,
      combineWith: 'OR',
    });
    const scored = scoreTerms(
      engine,
      keys.map((key) => ({ key, boost: 1, findsCandidates: true })),
      DEFAULT_TUNING.fieldBoost,
    );
    assert.equal(scored.docs.length, expected.length, `${question}: same sentences found`);
    const slotOf = new Map(scored.docs.map((doc, slot) => [doc, slot]));
    for (const r of expected) {
      const slot = slotOf.get(r.id as number);
      assert.ok(slot !== undefined, `${question}: sentence ${r.id} found`);
      const ours = (scored.sum[slot] as number) * (scored.matchedCount[slot] as number);
      assert.ok(
        Math.abs(ours - r.score) <= 1e-9 * Math.max(1, r.score),
        `${question}: score of ${r.id} ${ours} ≠ ${r.score}`,
      );
      const covering = keys.filter((_key, t) => scored.covered[slot * scored.stride + t] === 1).sort();
      const expectedCovering = r.queryTerms.filter((t) => !r.match[t]?.every((f) => f === 'aliases')).sort();
      assert.deepEqual(covering, expectedCovering, `${question}: covering terms of ${r.id}`);
    }
  };

  it('gives every sentence the score minisearch gives it, for a built index', () => {
    assert.ok(questions.length > 30);
    for (const question of questions) compare(index.engine, question);
  });

  it('gives the same scores on an index loaded from its saved form', () => {
    const loaded = loadIndex(JSON.parse(JSON.stringify(serializeIndex(index))));
    for (const question of questions.slice(0, 12)) compare(loaded.engine, question);
  });

  it('lets terms that find no candidates only add to sentences found before them', () => {
    const keys = [...analyzeQuery(index, '贺龙什么时候进攻包头').terms.keys()].map(encodeTerm);
    const [first, ...rest] = keys;
    assert.ok(first && rest.length > 0);
    const alone = scoreTerms(
      index.engine,
      [{ key: first, boost: 1, findsCandidates: true }],
      DEFAULT_TUNING.fieldBoost,
    );
    const both = scoreTerms(
      index.engine,
      [
        { key: first, boost: 1, findsCandidates: true },
        ...rest.map((key) => ({ key, boost: 1, findsCandidates: false })),
      ],
      DEFAULT_TUNING.fieldBoost,
    );
    assert.deepEqual(both.docs, alone.docs);
    assert.ok(both.docs.some((_, slot) => (both.sum[slot] as number) > (alone.sum[slot] as number)));
  });
});
