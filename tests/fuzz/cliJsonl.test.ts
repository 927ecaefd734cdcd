/**
 * `ask --jsonl`: every input line — empty, binary, 6,000 characters, `@everyone`, Markdown,
 * slash commands with bad options — yields exactly one valid JSON line, in order, and the
 * process never dies. In-process through runMain (injected io), and once as a real child
 * process fed ~1,000 random lines on stdin. Seeded: see arbitraries.ts.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Answer } from '../../src/answer';
import { runMain } from '../../src/cli/main';
import { PROJECT_DIR, SEED_DIR } from '../helpers/corpora';
import { DISCORD_OPTION_MAX, FUZZ_SEED, fuzz, hostileText, queryText, slashCommandLine } from './arbitraries';

/** A stdin line as readline hands it over: anything but a line break. */
const oneLine = (arb: fc.Arbitrary<string>) => arb.map((s) => s.replace(/\r\n|\r|\n/g, ' '));
const lineArb = oneLine(
  fc.oneof(
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        '\t',
        '\uFEFF',
        '/',
        '／',
        '//',
        '/ ',
        '\u0000',
        '@everyone',
        '@here <@1>',
      ),
    },
    { weight: 6, arbitrary: queryText },
    {
      weight: 4,
      arbitrary: slashCommandLine(hostileText(6), 4),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'x'.repeat(DISCORD_OPTION_MAX),
        `/ask ${'包头'.repeat(2_999)}`,
        '**bold** _it_ `code` ~~s~~ ||spoiler|| [link](https://x.y) # h',
      ),
    },
  ),
);

type Io = Parameters<typeof runMain>[1];

async function runJsonl(lines: readonly string[], argv: string[] = ['--jsonl', '--corpus', SEED_DIR]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    lines: async function* () {
      yield* lines;
    },
  };
  const code = await runMain(argv, io);
  return { code, out, err };
}

function checkLine(text: string, input: string): void {
  assert.ok(!text.includes('\n') && !text.includes('\r'), 'one physical line');
  const parsed = Answer.safeParse(JSON.parse(text));
  assert.ok(parsed.success, `not an Answer: ${text.slice(0, 200)}`);
  assert.equal(parsed.data.query, input, 'answers come back in order');
}

describe('ask --jsonl in-process (runMain with injected io)', () => {
  it('prints exactly one valid JSON line per input line and exits 0 (120 runs of up to 25 lines)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { maxLength: 25 }), async (lines) => {
        const { code, out, err } = await runJsonl(lines);
        assert.equal(code, 0, err.join('\n'));
        assert.equal(out.length, lines.length);
        for (const [i, text] of out.entries()) checkLine(text, lines[i] ?? '');
      }),
      fuzz(120),
    );
  });

  it('--json prints one valid JSON object for any single query (200 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(lineArb, async (line) => {
        const { code, out } = await runJsonl([], ['--json', '--corpus', SEED_DIR, '--', line]);
        assert.equal(code, 0);
        assert.equal(out.length, 1);
        checkLine(out[0] ?? '', line);
      }),
      fuzz(200),
    );
  });
});

describe('ask --jsonl as a child process', () => {
  it('answers ~1,000 random lines (bytes included) with as many JSON lines and exit code 0', async (t) => {
    const lines = fc.sample(lineArb, { numRuns: 900, seed: FUZZ_SEED });
    // Raw bytes too: broken UTF-8, NUL, controls — anything but a line break.
    const binary = fc.sample(
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b.filter((x) => x !== 0x0a && x !== 0x0d))),
      { numRuns: 100, seed: FUZZ_SEED },
    );
    const input = Buffer.concat([
      ...lines.map((l) => Buffer.from(`${l}\n`, 'utf8')),
      ...binary.map((b) => Buffer.concat([b, Buffer.from('\n')])),
    ]);
    const expected = lines.length + binary.length;
    const started = Date.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', '--jsonl', '--corpus', SEED_DIR],
      {
        cwd: PROJECT_DIR,
        env: { ...process.env, CORPUS_DIR: '' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdin.end(input);
    const code = await exited;
    assert.equal(code, 0, stderr);
    const out = stdout.split('\n');
    assert.equal(out.pop(), '', 'output ends with a newline');
    assert.equal(out.length, expected, `${out.length} output lines for ${expected} input lines`);
    out.forEach((text, i) => {
      const parsed = Answer.safeParse(JSON.parse(text));
      assert.ok(parsed.success, `line ${i + 1}: ${text.slice(0, 200)}`);
      // (stdin is decoded as UTF-8: a lone surrogate written out comes back as U+FFFD)
      const sent = Buffer.from(lines[i] ?? '', 'utf8').toString('utf8');
      if (i < lines.length) assert.equal(parsed.data.query, sent, `line ${i + 1} is answered in order`);
    });
    t.diagnostic(`${expected} lines answered by the child process in ${Date.now() - started} ms`);
  });
});
