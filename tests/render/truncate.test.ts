import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { countFitting, TRUNCATION_MARK, truncate } from '../../src/render/truncate';

describe('truncate', () => {
  it('returns text that fits unchanged', () => {
    assert.equal(truncate('包头', 2), '包头');
    assert.equal(truncate('', 0), '');
  });

  it('cuts after the last sentence end that keeps half the budget, and marks the cut', () => {
    const text = '11月9日，贺龙部转攻包头。由于侦查失误，进攻包头也久攻不下。';
    assert.equal(truncate(text, 20), '11月9日，贺龙部转攻包头。…');
  });

  it('cuts at the budget when the only sentence end is too early', () => {
    const text = `好。${'长'.repeat(50)}`;
    assert.equal(truncate(text, 11), `好。${'长'.repeat(8)}…`);
  });

  it('never splits a surrogate pair', () => {
    assert.equal(truncate('a😀b', 3), 'a…');
  });

  it('never leaves a dangling escape backslash', () => {
    assert.equal(truncate('ab\\*cd', 4), 'ab…');
    assert.equal(truncate('ab\\\\cd', 5), 'ab\\\\…');
  });

  it('keeps every result within the budget and a prefix of the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.integer({ min: 0, max: 320 }),
        (text, max) => {
          const out = truncate(text, max);
          assert.ok(out.length <= max);
          if (text.length <= max) assert.equal(out, text);
          else if (max > 1) {
            assert.ok(out.endsWith(TRUNCATION_MARK));
            assert.ok(text.startsWith(out.slice(0, -1)));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('countFitting', () => {
  it('counts whole units that fit with their separators', () => {
    assert.equal(countFitting(['贺龙部转攻包头。[1]', '久攻不下。[2]'], 14, '\n'), 1);
    assert.equal(countFitting(['ab', 'cd'], 5, '\n'), 2);
    assert.equal(countFitting(['ab', 'cd'], 4, '\n'), 1);
    assert.equal(countFitting(['abc'], 2, '\n'), 0);
  });
});
