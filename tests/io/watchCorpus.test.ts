import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { answerQuestion } from '../../src/answer';
import { loadAnswerContext } from '../../src/io/indexStore';
import { watchCorpus } from '../../src/io/watchCorpus';

const root = mkdtempSync(join(tmpdir(), 'watch-'));
after(() => rmSync(root, { recursive: true, force: true }));

type Event = { kind: 'reload'; sentences: number; warnings: string[] } | { kind: 'error'; message: string };

describe('watchCorpus', () => {
  it('picks up a new article, survives a broken file, and keeps the old index when the corpus empties', async () => {
    const dir = join(root, 'corpus');
    const indexDir = join(root, 'index');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.txt'), '甲战役\n\n甲战役发生于1945年。');
    let ctx = loadAnswerContext(dir, { indexDir }).ctx;
    const events: Event[] = [];
    let wake: (() => void) | undefined;
    const next = () => new Promise<void>((resolve) => (wake = resolve));
    const stop = watchCorpus(dir, {
      indexDir,
      debounceMs: 100,
      onReload: (newCtx, source, warnings) => {
        ctx = newCtx;
        events.push({ kind: 'reload', sentences: source.sentences, warnings });
        wake?.();
      },
      onError: (message) => {
        events.push({ kind: 'error', message });
        wake?.();
      },
    });
    try {
      let waiting = next();
      writeFileSync(join(dir, 'b.txt'), '乙战役\n\n乙战役由张三指挥。');
      await waiting;
      assert.deepEqual(events.at(-1), { kind: 'reload', sentences: 2, warnings: [] });
      assert.equal(answerQuestion('乙战役由谁指挥', ctx).answers[0]?.text, '乙战役由张三指挥。');

      waiting = next();
      writeFileSync(join(dir, 'broken.md'), Buffer.from([0x00, 0x01, 0x02]));
      await waiting;
      const last = events.at(-1);
      assert.equal(last?.kind, 'reload');
      assert.match(last?.kind === 'reload' ? last.warnings.join('\n') : '', /broken\.md:1: binary content/);

      waiting = next();
      for (const f of ['a.txt', 'b.txt', 'broken.md']) unlinkSync(join(dir, f));
      await waiting;
      assert.equal(events.at(-1)?.kind, 'error');
      assert.equal(answerQuestion('乙战役由谁指挥', ctx).status, 'ok', 'the old context still answers');
    } finally {
      stop();
    }
  });
});
