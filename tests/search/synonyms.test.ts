import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeQuery } from '../../src/search';
import { SYNONYM_GROUPS, SYNONYMS, synonymWords } from '../../src/search/synonyms';
import { foldText } from '../../src/text/fold';
import { wideContext } from '../helpers/corpora';

describe('synonyms', () => {
  it('maps every word of a group to the whole group, itself first, and no word to two groups', () => {
    const seen = new Map<string, number>();
    SYNONYM_GROUPS.forEach((group, g) => {
      for (const word of group) {
        assert.equal(seen.get(word), undefined, `${word} is in two groups`);
        seen.set(word, g);
        assert.equal(SYNONYMS.get(word)?.[0], word);
        assert.deepEqual([...(SYNONYMS.get(word) ?? [])].sort(), [...group].sort());
        // queries are folded before lookup: a word must already be in folded (simplified) form
        assert.equal(foldText(word), word);
      }
    });
  });

  it('finds group words longest first, without overlaps', () => {
    assert.deepEqual(
      synonymWords('他改名后病逝于北京').map((w) => w.word),
      ['改名', '病逝'],
    );
    assert.deepEqual(synonymWords('没有同义词'), []);
  });

  it('lets a question word match the synonym the corpus uses (改成 → 改为), typed word still a unit', () => {
    const ctx = wideContext();
    const q = analyzeQuery(ctx.index, '八路军的番号后来改成了什么？');
    const unit = q.units.find((u) => u.alternatives.some((alt) => alt.join() === '改为'));
    assert.ok(unit, JSON.stringify(q.units));
    assert.deepEqual(unit.alternatives[0], ['改成']);
  });
});
