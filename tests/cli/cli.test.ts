import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { Answer } from '../../src/answer';
import { parseArgs } from '../../src/cli/args';
import { runMain } from '../../src/cli/main';
import { parseQueryLine } from '../../src/cli/parseQueryLine';
import { PROJECT_DIR, WIKI_DIR } from '../helpers/corpora';

/** Runs the CLI in-process with captured stdout/stderr and the given stdin lines. */
async function cli(argv: string[], stdin: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runMain(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    lines: async function* () {
      yield* stdin;
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('ask CLI --json', () => {
  it('prints the /battle 包头 answer with the cited 包头 sentence, valid against the Answer schema', async () => {
    const { code, out } = await cli(['--json', '/battle 包头']);
    assert.equal(code, 0);
    const answer = Answer.parse(JSON.parse(out));
    assert.equal(answer.command, 'battle');
    assert.equal(answer.status, 'ok');
    const hit = answer.answers.find((a) => a.text === '11月9日，贺龙部转攻包头。');
    assert.deepEqual(hit?.citation, {
      title: '平绥路战役',
      paragraph: 3,
      sentence: 2,
      url: 'https://zh.wikipedia.org/wiki/%E5%B9%B3%E7%BB%A5%E8%B7%AF%E6%88%98%E5%BD%B9',
    });
  });

  it('treats free text as /ask', async () => {
    const answer = Answer.parse(JSON.parse((await cli(['--json', '谁指挥了绥远战役？'])).out));
    assert.equal(answer.command, 'ask');
    assert.equal(answer.answers[0]?.citation.sentence, 2);
  });

  for (const [query, why] of [
    ['', 'empty'],
    ['。。。', 'punctuation only'],
    ['/nope 包头', 'an unknown command'],
    ['/battle', 'a missing required option'],
    ['/battle name:包头 private:maybe', 'a bad boolean'],
    [`/ask ${'问'.repeat(1200)}`, 'over-long'],
  ]) {
    it(`answers invalid, with a message and exit code 0, for ${why} input`, async () => {
      const { code, out } = await cli(['--json', query as string]);
      assert.equal(code, 0);
      const answer = Answer.parse(JSON.parse(out));
      assert.equal(answer.status, 'invalid');
      assert.ok((answer.message ?? '').length > 0);
    });
  }

  it('uses --corpus to answer from another folder', async () => {
    const answer = Answer.parse(
      JSON.parse((await cli(['--json', '--corpus', WIKI_DIR, '上党战役谁指挥'])).out),
    );
    assert.equal(answer.answers[0]?.citation.title, '上党战役');
  });
});

describe('ask CLI --jsonl', () => {
  it('prints exactly one valid JSON line per input line, in order, whatever the line', async () => {
    const lines = [
      '/battle 包头',
      '',
      '@everyone 包头',
      '**包头**',
      '\u0000\u0001\uFFFD',
      '/timeline',
      '/who name:傅作义',
      '/help',
      '/sources',
      'x'.repeat(6000),
      '/battle private:yes',
    ];
    const { code, out } = await cli(['--jsonl'], lines);
    assert.equal(code, 0);
    const parsed = out.split('\n').map((l) => Answer.parse(JSON.parse(l)));
    assert.deepEqual(
      parsed.map((a) => a.query),
      lines,
    );
    assert.deepEqual(
      parsed.map((a) => a.status),
      ['ok', 'invalid', 'ok', 'ok', 'invalid', 'ok', 'ok', 'ok', 'ok', 'invalid', 'invalid'],
    );
  });
});

describe('ask CLI text output', () => {
  it('prints sentences with numbered citations and the sources', async () => {
    const { out } = await cli(['/who', '傅作义']);
    assert.match(out, /^【傅作义】\n阵营: 国民政府\n/);
    assert.match(out, /\n1945-10-18 10月18日，聂贺部队开始进攻傅作义军。\[3\]\n/);
    assert.match(
      out,
      /\n来源\n\[1\] 平绥路战役 · 第1段 第2句 · https:\/\/zh\.wikipedia\.org\/wiki\/%E5%B9%B3/,
    );
  });

  it('converts to traditional script for --locale zh-TW', async () => {
    const { out } = await cli(['--locale', 'zh-TW', '/battle 包头']);
    assert.match(out, /賀龍部轉攻包頭/);
    assert.match(out, /來源/);
  });
});

describe('ask CLI errors', () => {
  it('exits 2 with usage on a bad flag', async () => {
    const { code, err } = await cli(['--bogus', 'x']);
    assert.equal(code, 2);
    assert.match(err, /unknown flag --bogus/);
    assert.match(err, /Usage: npm run ask/);
  });

  it('exits 1 with one clear line when the corpus folder is missing', async () => {
    const { code, err } = await cli(['--corpus', '/no/such/dir', '包头']);
    assert.equal(code, 1);
    assert.equal(err, 'ask: corpus: corpus folder not found or not a folder: /no/such/dir');
  });

  it('runs as a real process through npm run ask', () => {
    const result = spawnSync('npm', ['run', '--silent', 'ask', '--', '--json', '/battle 包头'], {
      cwd: PROJECT_DIR,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /贺龙部转攻包头/);
  });
});

describe('parseArgs', () => {
  it('reads flags anywhere and the rest as the query', () => {
    assert.deepEqual(parseArgs(['/battle', '--json', '包头', '--locale=zh-TW']), {
      format: 'json',
      locale: 'zh-TW',
      query: ['/battle', '包头'],
      help: false,
    });
  });
  it('refuses --json with --jsonl', () =>
    assert.throws(() => parseArgs(['--json', '--jsonl']), /cannot be combined/));
});

describe('parseQueryLine', () => {
  it('reads named options, localized command names and booleans', () => {
    const parsed = parseQueryLine('/战役 名称:包头 private:true');
    assert.equal(parsed.ok && parsed.command.definition.name, 'battle');
    assert.deepEqual(parsed.ok && parsed.input, { name: '包头', private: true });
  });
  it('keeps spaces inside a named value', () => {
    const parsed = parseQueryLine('/ask question:fu zuoyi zai nali');
    assert.deepEqual(parsed.ok && parsed.input, { question: 'fu zuoyi zai nali' });
  });
});
