import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CorpusError, formatWarning, loadCorpus } from '../../src/io/loadCorpus';
import { SEED_DIR, SEED_FILE, WIKI_DIR } from '../helpers/corpora';

const dirs: string[] = [];
function tempCorpus(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('loadCorpus', () => {
  it('loads the embedded seed corpus and its curated aliases', () => {
    const corpus = loadCorpus(SEED_DIR);
    assert.deepEqual(
      corpus.articles.map((a) => a.title),
      ['平绥路战役'],
    );
    assert.ok(corpus.aliases?.groups.some((g) => g.names.includes('呼和浩特') && g.names.includes('归绥')));
    assert.deepEqual(corpus.warnings, []);
  });

  it('loads all 18 corpus-wiki articles', () => {
    assert.equal(loadCorpus(WIKI_DIR).articles.length, 18);
  });

  it('skips binary, bad UTF-8 and empty files, and merges duplicate titles, with a warning naming the file and line', () => {
    const dir = tempCorpus({
      'binary.md': Buffer.from([0x41, 0x0a, 0x42, 0x00, 0x43]),
      'latin1.txt': Buffer.concat([Buffer.from('标题\n\n第一段。\n'), Buffer.from([0xe9, 0x74, 0xe9])]),
      'empty.md': '',
      'good.txt': '好文章\n\n这是一个句子。',
      'good-again.txt': '好文章\n\n另一个句子。',
    });
    copyFileSync(SEED_FILE, join(dir, '平绥路战役.md'));
    const corpus = loadCorpus(dir);
    assert.deepEqual(corpus.articles.map((a) => a.title).sort(), ['好文章', '平绥路战役']);
    const merged = corpus.articles.find((a) => a.title === '好文章');
    // good-again.txt sorts first, so its paragraph is p1 and good.txt's is p2.
    assert.deepEqual(
      merged?.paragraphs.flatMap((p) => p.sentences.map((s) => `${s.id} ${s.text}`)),
      ['好文章#p1.s1 另一个句子。', '好文章#p2.s1 这是一个句子。'],
    );
    const lines = corpus.warnings.map(formatWarning);
    assert.ok(lines.includes('corpus: binary.md:2: binary content (NUL byte); skipped'), lines.join('\n'));
    assert.ok(lines.includes('corpus: latin1.txt:4: not valid UTF-8; skipped'), lines.join('\n'));
    assert.ok(lines.includes('corpus: empty.md: empty file; skipped'), lines.join('\n'));
    assert.ok(
      lines.includes(
        'corpus: good.txt: duplicate title "好文章" (also in good-again.txt); merged into one article',
      ),
      lines.join('\n'),
    );
  });

  it('fails clearly on a missing folder', () => {
    assert.throws(
      () => loadCorpus('/nonexistent/corpus'),
      (e: unknown) => e instanceof CorpusError && e.code === 'E_CORPUS_MISSING',
    );
  });

  it('fails clearly when nothing in the folder has sentences', () => {
    const dir = tempCorpus({ 'a.md': '', 'b.txt': '标题only' });
    assert.throws(
      () => loadCorpus(dir),
      (e: unknown) => e instanceof CorpusError && e.code === 'E_CORPUS_EMPTY',
    );
  });

  it('names the field and the file of an invalid alias file', () => {
    const dir = tempCorpus({ 'a.txt': '甲\n\n乙。', 'aliases.json': '{"groups":[{"names":["只有一个"]}]}' });
    assert.throws(
      () => loadCorpus(dir),
      (e: unknown) =>
        e instanceof CorpusError &&
        e.code === 'E_ALIAS_FILE' &&
        /aliases\.json: groups\.0\.names/.test(e.message),
    );
  });
});
