/**
 * Corpus files the loader must survive: a huge file (> 5 MB) and an unreadable one (chmod 000)
 * are skipped with a warning naming the file while the rest is served — through loadCorpus,
 * the prebuilt-index path (loadAnswerContext) and the CLI; a folder that yields no sentence at
 * all is a clear startup error for the CLI and for the bot.
 * (Binary, bad UTF-8, empty and duplicate-title files: tests/io/loadCorpus.test.ts and
 * tests/fuzz/corpus.test.ts.)
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runMain } from '../../src/cli/main';
import { MAX_CORPUS_FILE_BYTES } from '../../src/constants';
import { loadAnswerContext } from '../../src/io/indexStore';
import { CorpusError, formatWarning, loadCorpus } from '../../src/io/loadCorpus';
import { PROJECT_DIR, SEED_FILE } from '../helpers/corpora';
import { FAKE_TOKEN } from '../helpers/fakeDiscord';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-files-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const d of dirs) {
    try {
      chmodSync(join(d, 'locked.md'), 0o644);
    } catch {
      // no locked file here
    }
    rmSync(d, { recursive: true, force: true });
  }
});

/** The seed article plus a huge file: one byte over the limit, made of valid prose. */
function corpusWithHugeFile(): string {
  const dir = tempDir();
  copyFileSync(SEED_FILE, join(dir, '平绥路战役.md'));
  const sentence = Buffer.from('包头是一座城市。');
  const huge = Buffer.alloc(MAX_CORPUS_FILE_BYTES + 1, sentence);
  writeFileSync(join(dir, 'huge.md'), huge);
  return dir;
}

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runMain(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    lines: async function* () {},
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('a huge corpus file (> 5 MB)', () => {
  it('is skipped with a warning naming it and its size; the rest is served', () => {
    const dir = corpusWithHugeFile();
    const corpus = loadCorpus(dir);
    assert.deepEqual(
      corpus.articles.map((a) => a.title),
      ['平绥路战役'],
    );
    const lines = corpus.warnings.map(formatWarning);
    assert.deepEqual(lines, [
      `corpus: huge.md: file is ${MAX_CORPUS_FILE_BYTES + 1} bytes, over the ${MAX_CORPUS_FILE_BYTES}-byte limit; skipped`,
    ]);
  });

  it('is skipped the same way on the prebuilt-index path, and by the CLI, which still answers', async () => {
    const dir = corpusWithHugeFile();
    const warnings: string[] = [];
    const { ctx } = loadAnswerContext(dir, { indexDir: false, warn: (l) => warnings.push(l) });
    assert.ok(
      warnings.some((w) => w.startsWith('corpus: huge.md: file is')),
      warnings.join('\n'),
    );
    assert.equal(ctx.index.articles.length, 1);
    const run = await cli(['--json', '--corpus', dir, '/battle 包头']);
    assert.equal(run.code, 0);
    assert.match(run.err, /corpus: huge\.md: file is \d+ bytes, over the \d+-byte limit; skipped/);
    assert.equal(JSON.parse(run.out).status, 'ok');
  });
});

describe('an unreadable corpus file (chmod 000)', () => {
  const lockedCorpus = () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    copyFileSync(SEED_FILE, join(dir, '平绥路战役.md'));
    chmodSync(join(dir, '平绥路战役.md'), 0o644);
    writeFileSync(join(dir, 'locked.md'), '锁住的文章\n\n这是一个句子。');
    chmodSync(join(dir, 'locked.md'), 0o000);
    return dir;
  };
  const canRead = (path: string) => {
    try {
      accessSync(path, constants.R_OK);
      readFileSync(path);
      return true;
    } catch {
      return false; // EACCES, as intended
    }
  };

  it('is skipped with a warning naming it; the rest is served', async (t) => {
    const dir = lockedCorpus();
    if (canRead(join(dir, 'locked.md'))) {
      t.skip('running as root: chmod 000 does not stop reading (the next test runs the CLI as nobody)');
      return;
    }
    const corpus = loadCorpus(dir);
    assert.deepEqual(
      corpus.articles.map((a) => a.title),
      ['平绥路战役'],
    );
    assert.deepEqual(corpus.warnings.map(formatWarning), [
      'corpus: locked.md: cannot be read (EACCES); skipped',
    ]);
    const run = await cli(['--json', '--corpus', dir, '/battle 包头']);
    assert.equal(run.code, 0);
    assert.match(run.err, /corpus: locked\.md: cannot be read \(EACCES\); skipped/);
    assert.equal(JSON.parse(run.out).status, 'ok');
  });

  it('is skipped by the CLI run as an unprivileged user (when the tests run as root)', async (t) => {
    if (process.getuid?.() !== 0) {
      t.skip('not root: the previous test covers it in-process');
      return;
    }
    const dir = lockedCorpus();
    const NOBODY = 65_534;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', '--json', '--corpus', dir, '/battle 包头'],
      {
        cwd: PROJECT_DIR,
        env: { ...process.env, HOME: tmpdir(), CORPUS_DIR: '' },
        uid: NOBODY,
        gid: NOBODY,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    const code = await new Promise<number | null>((resolve) => {
      child.on('error', () => resolve(null));
      child.on('exit', (c) => resolve(c));
    });
    if (code === null) {
      t.skip('cannot switch to uid 65534 here');
      return;
    }
    assert.equal(code, 0, stderr);
    assert.match(stderr, /^corpus: locked\.md: cannot be read \(EACCES\); skipped$/m);
    const answer = JSON.parse(stdout) as { status: string; answers: { text: string }[] };
    assert.equal(answer.status, 'ok');
    assert.ok(answer.answers.some((a) => a.text === '11月9日，贺龙部转攻包头。'));
  });
});

describe('a corpus that yields no sentence at all', () => {
  const emptyCorpus = () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.md'), '');
    writeFileSync(join(dir, 'binary.md'), Buffer.from([1, 2, 0, 3]));
    writeFileSync(join(dir, 'title-only.txt'), '只有标题');
    writeFileSync(join(dir, 'huge.md'), Buffer.alloc(MAX_CORPUS_FILE_BYTES + 1, 'a'));
    return dir;
  };

  it('is a CorpusError, and the CLI exits 1 with one clear line (after the warnings)', async () => {
    const dir = emptyCorpus();
    assert.throws(
      () => loadCorpus(dir),
      (e: unknown) => e instanceof CorpusError && e.code === 'E_CORPUS_EMPTY',
    );
    const run = await cli(['--json', '--corpus', dir, '包头']);
    assert.equal(run.code, 1);
    assert.equal(run.out, '');
    const lines = run.err.split('\n');
    assert.match(
      lines.at(-1) ?? '',
      /^ask: corpus: no readable article with sentences in .+ \(expected \.md or \.txt files\)$/,
    );
    for (const file of ['empty.md', 'binary.md', 'title-only.txt', 'huge.md'])
      assert.ok(
        lines.some((l) => l.startsWith(`corpus: ${file}`)),
        `no warning for ${file}:\n${run.err}`,
      );
  });

  it('stops the bot at startup with one fatal log line and exit code 1, before it logs in', async () => {
    const dir = emptyCorpus();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/discord/main.ts'], {
      cwd: PROJECT_DIR,
      env: {
        ...process.env,
        DISCORD_TOKEN: FAKE_TOKEN,
        DISCORD_CLIENT_ID: '1300000000000000001',
        DISCORD_GUILD_ID: '',
        CORPUS_DIR: dir,
        // Nothing listens here: the bot must not get as far as connecting.
        DISCORD_API_URL: 'http://127.0.0.1:9/api',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 1, stderr);
    const logs = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string; code?: string });
    const fatal = logs.filter((l) => l.level === 60);
    assert.equal(fatal.length, 1, stdout);
    assert.equal(fatal[0]?.code, 'E_CORPUS_EMPTY');
    assert.match(fatal[0]?.msg ?? '', /no readable article with sentences/);
    assert.ok(
      logs.some((l) => l.level === 40 && /corpus: huge\.md/.test(l.msg)),
      'the skipped files are logged as warnings',
    );
    assert.ok(!logs.some((l) => l.msg === 'ready'));
    assert.equal(
      stdout.includes(FAKE_TOKEN) || stderr.includes(FAKE_TOKEN),
      false,
      'the token is never printed',
    );
  });
});

describe('symbolic links in the corpus folder', () => {
  it('follows a link to an article, ends a link loop, names a broken link, and skips a link to a pipe without waiting on it', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    symlinkSync(SEED_FILE, join(dir, '平绥路战役.md'));
    symlinkSync(dir, join(dir, 'sub', 'loop'));
    symlinkSync(join(dir, 'missing.md'), join(dir, 'broken.md'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    symlinkSync(join(dir, 'pipe'), join(dir, 'pipe.md'));
    const { articles, warnings } = loadCorpus(dir);
    assert.deepEqual(
      articles.map((a) => a.title),
      ['平绥路战役'],
    );
    assert.deepEqual(warnings.map(formatWarning), ['corpus: broken.md: cannot be read (ENOENT); skipped']);
  });
});
