import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Answer } from '../../src/answer';
import { parseArgs } from '../../src/cli/args';
import { runMain, stdinLines } from '../../src/cli/main';
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
  it('prints for /battle 包头 what the README shows', async () => {
    const readme = readFileSync(join(PROJECT_DIR, 'README.md'), 'utf8');
    const block = /```jsonc\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? '';
    // The README's block leaves parts out in /* … */ comments; what it shows must be what is printed.
    type Shown = Pick<Answer, 'query' | 'command' | 'status'> & {
      answers: { text: string; id?: string; citation: unknown }[];
      facts: { name?: string; aliases?: string[]; focus?: string; period?: { start: string; end?: string } };
    };
    const shown: Shown = JSON.parse(block.replace(/\/\*[\s\S]*?\*\//g, '').replace(/,(\s*[}\]])/g, '$1'));
    const printed = Answer.parse(JSON.parse((await cli(['--json', shown.query])).out));
    const first = (a: Shown['answers'][number] | undefined) => [a?.text, a?.id, a?.citation];
    assert.deepEqual(
      [printed.command, printed.status, first(printed.answers[0])],
      [shown.command, shown.status, first(shown.answers[0])],
    );
    const facts = (f: Shown['facts'] | undefined) => [
      f?.name,
      f?.aliases,
      f?.focus,
      f?.period?.start,
      f?.period?.end,
    ];
    assert.deepEqual(facts(printed.facts), facts(shown.facts));
  });

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

  it("gives a missing option's example in the locale's words", async () => {
    assert.match(
      (await cli(['--locale', 'zh-CN', '/ask'])).out,
      /需要填写：question（例如：谁指挥了绥远战役？）/,
    );
    assert.match(
      (await cli(['--locale', 'en-US', '/ask'])).out,
      /needs question \(e\.g\. 谁指挥了绥远战役？\)/,
    );
  });

  it('converts to traditional script for --locale zh-TW', async () => {
    const { out } = await cli(['--locale', 'zh-TW', '/battle 包头']);
    assert.match(out, /賀龍部轉攻包頭/);
    assert.match(out, /來源/);
  });
});

describe('ask CLI errors', () => {
  it('exits 2 with one clear line on a bad flag', async () => {
    for (const [argv, problem] of [
      [['--bogus', 'x'], /unknown flag --bogus/],
      [['-j', '包头'], /unknown flag -j/],
      [['--locale', 'xx-YY', '包头'], /--locale must be one of/],
      [['--corpus'], /--corpus needs a value/],
      [['--json', '--jsonl'], /cannot be combined/],
      [['--jsonl', '贺龙'], /--jsonl reads its queries from stdin/],
      [[], /no query given/],
    ] as const) {
      const { code, err } = await cli([...argv]);
      assert.equal(code, 2, argv.join(' '));
      assert.match(err, problem);
      assert.equal(err.split('\n').length, 1, `one line for ${argv.join(' ')}: ${err}`);
      assert.match(err, /--help/);
    }
  });

  it('exits 1 with one clear line when the corpus folder is missing', async () => {
    const { code, err } = await cli(['--corpus', '/no/such/dir', '包头']);
    assert.equal(code, 1);
    assert.equal(err, 'ask: corpus: corpus folder not found or not a folder: /no/such/dir');
  });

  it('runs as a real process through npm run ask, printing only the JSON object (no npm banner)', () => {
    // As the README gives it, without --silent: the project's .npmrc keeps npm quiet.
    const result = spawnSync('npm', ['run', 'ask', '--', '--json', '/battle 包头'], {
      cwd: PROJECT_DIR,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    const answer = Answer.parse(JSON.parse(result.stdout));
    assert.match(answer.answers.map((a) => a.text).join('\n'), /贺龙部转攻包头/);
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
  it('reads one word as a true/false value, leaving the rest as the main option', () => {
    const parsed = parseQueryLine('/battle private:true 包头');
    assert.deepEqual(parsed.ok && parsed.input, { name: '包头', private: true });
  });
  it('refuses an option the command does not have, but not a colon in a question or a link', () => {
    for (const line of ['/battle foo:bar', '/battle name:包头 foo:bar', '/who 傅作义 lang:en']) {
      const parsed = parseQueryLine(line);
      assert.equal(parsed.ok, false, line);
      assert.equal(!parsed.ok && parsed.answer.reason?.code, 'bad_option', line);
      assert.equal(!parsed.ok && parsed.answer.reason?.subject, line.match(/(foo|lang):/)?.[1], line);
    }
    for (const line of ['/ask 时间：1945年贺龙做了什么', '/ask 见 https://zh.wikipedia.org 包头'])
      assert.ok(parseQueryLine(line).ok, line);
  });
});

describe('queries echoed in replies', () => {
  it('never echo a corpus title suggested for a question it cannot answer as a mention', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mention-titles-'));
    try {
      writeFileSync(join(dir, 'a.txt'), '@everyone\n\n这是一个测试段落。\n');
      writeFileSync(join(dir, 'b.txt'), '<@&123>\n\n另一个段落。\n');
      for (const locale of ['zh-CN', 'zh-TW', 'en-US']) {
        const { out } = await cli(['--corpus', dir, '--locale', locale, 'pizza']);
        assert.match(out, /everyone/, locale); // suggested, as a name
        assert.doesNotMatch(out, /@(everyone|here)|<[@#]/, locale);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never echo a mention as one, in any locale', async () => {
    for (const query of [
      '/who @everyone',
      '/battle @here',
      '/who <@123>',
      '/who <@!123> <@&456> <#789>',
      '/@everyone',
    ]) {
      const { out } = await cli(['--json', query]);
      const answer = Answer.parse(JSON.parse(out));
      assert.notEqual(answer.status, 'ok', query);
      assert.doesNotMatch(answer.message ?? '', /@(everyone|here)|<[@#]/, query);
      assert.match(answer.message ?? '', /@\u200B|<\u200B/, query);
      for (const locale of ['zh-CN', 'zh-TW', 'en-US']) {
        const text = (await cli(['--locale', locale, query])).out;
        assert.doesNotMatch(text, /@(everyone|here)|<[@#]/, `${locale} ${query}`);
      }
    }
  });

  it('counts the length of a query in characters as a reader does, and names its command', async () => {
    const emoji = Answer.parse(JSON.parse((await cli(['--json', `包头${'😀'.repeat(990)}`])).out));
    assert.notEqual(emoji.reason?.code, 'too_long');
    const long = Answer.parse(JSON.parse((await cli(['--json', `/battle ${'包'.repeat(1001)}`])).out));
    assert.equal(long.status, 'invalid');
    assert.equal(long.reason?.code, 'too_long');
    assert.equal(long.command, 'battle');
  });

  it('reads a blank CORPUS_DIR as unset: the embedded corpus, as the bot does', async () => {
    const before = process.env.CORPUS_DIR;
    process.env.CORPUS_DIR = '  ';
    try {
      const { code, out } = await cli(['--json', '/battle 包头']);
      assert.equal(code, 0);
      assert.equal(Answer.parse(JSON.parse(out)).status, 'ok');
    } finally {
      if (before === undefined) delete process.env.CORPUS_DIR;
      else process.env.CORPUS_DIR = before;
    }
  });

  it('holds the text of an option to 1,000 characters, as the bot does, whatever the command and option names add', async () => {
    const lines = [
      `/ask ${'包'.repeat(1000)}`,
      `/battle name:${'包'.repeat(1000)}`,
      `/ask ${'包'.repeat(1001)}`,
    ];
    const answers = (await cli(['--jsonl'], lines)).out
      .trim()
      .split('\n')
      .map((line) => Answer.parse(JSON.parse(line)));
    assert.deepEqual(
      answers.map((a) => [a.command, a.reason?.code === 'too_long']),
      [
        ['ask', false],
        ['battle', false],
        ['ask', true],
      ],
    );
    assert.match(answers[2]?.message ?? '', /1001 characters long; please keep it to 1000 at most/);
  });

  it('--jsonl ends a line at \\n only: a lone \\r inside a query does not add an answer', async () => {
    const chunks = ['/who 傅作', '义\r\n包头\rb\n', '\n贺龙'];
    const lines: string[] = [];
    for await (const line of stdinLines(
      (async function* () {
        yield* chunks.map((c) => Buffer.from(c));
      })(),
    ))
      lines.push(line);
    assert.deepEqual(lines, ['/who 傅作义', '包头\rb', '', '贺龙']);
  });
});
