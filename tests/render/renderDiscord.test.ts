import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeMarkdown as discordEscapeMarkdown } from 'discord.js';
import fc from 'fast-check';
import { COMMANDS } from '../../commands';
import type { Answer, Citation, CitedSentence } from '../../src/answer';
import { DEFAULT_CORPUS_DIR, loadContext } from '../../src/cli/main';
import { CUSTOM_ID_MAX_LENGTH, WIKIPEDIA_BASE_URL } from '../../src/constants';
import {
  ANSWERS_PER_PAGE,
  CITATION_MARKER,
  checkReplyLimits,
  countPages,
  type DiscordReply,
  decodePageId,
  EPHEMERAL_FLAG,
  encodePageId,
  escapeMarkdown,
  hashQuery,
  REPLY_LOCALES,
  type ReplyLocale,
  recoverQuery,
  renderChoices,
  renderForDiscord,
  renderNotice,
  unescapeMarkdown,
} from '../../src/render';

const ctx = loadContext(DEFAULT_CORPUS_DIR, () => {});
const SEED_URL = 'https://zh.wikipedia.org/wiki/%E5%B9%B3%E7%BB%A5%E8%B7%AF%E6%88%98%E5%BD%B9';

/** A cited sentence of a made-up article. */
function cited(text: string, paragraph: number, sentence: number, title = '平绥路战役'): CitedSentence {
  return {
    text,
    citation: { title, paragraph, sentence, url: `${WIKIPEDIA_BASE_URL}${encodeURIComponent(title)}` },
  };
}

function okAnswer(answers: CitedSentence[], extra: Partial<Answer> = {}): Answer {
  return { query: '包头', command: 'battle', status: 'ok', answers, ...extra };
}

function embedOf(reply: DiscordReply) {
  const embed = reply.embeds[0];
  assert.ok(embed, 'the reply has an embed');
  return embed;
}

/** Every marker number in a text, in order: linked `[\[3\]](url)` and unlinked `\[3\]`. */
function markerNumbers(text: string): number[] {
  return [...text.matchAll(/\\\[(\d+)\\\]/g)].map((m) => Number(m[1]));
}

function buttonsOf(reply: DiscordReply) {
  return reply.components.flatMap((row) => row.components) as Array<{
    style: number;
    label?: string;
    custom_id?: string;
    url?: string;
  }>;
}

describe('renderForDiscord', () => {
  it('renders /battle 包头 as an embed quoting the sentence with a marker linking to its article', () => {
    const answer = COMMANDS.battle.run({ name: '包头' }, ctx);
    const reply = renderForDiscord(answer, { locale: 'zh-CN' });
    const embed = embedOf(reply);
    assert.match(
      embed.description ?? '',
      /11月9日，贺龙部转攻包头。\[\\\[\d+\\\]\]\(https:\/\/zh\.wikipedia\.org\/wiki\/%E5%B9%B3/,
    );
    assert.ok((embed.description ?? '').includes(`](${SEED_URL})`));
    assert.equal(embed.url, SEED_URL);
    assert.match(embed.title ?? '', /包头/);
    assert.match(embed.footer?.text ?? '', /来源：平绥路战役/);
    const link = buttonsOf(reply).find((b) => b.style === 5);
    assert.equal(link?.url, SEED_URL);
    assert.deepEqual(reply.allowed_mentions, { parse: [] });
    assert.equal(reply.flags, undefined);
    assert.deepEqual(checkReplyLimits(reply), []);
  });

  it('gives zh-TW readers traditional script in sentences and labels', () => {
    const answer = COMMANDS.battle.run({ name: '包头' }, ctx);
    const embed = embedOf(renderForDiscord(answer, { locale: 'zh-TW' }));
    assert.match(embed.description ?? '', /11月9日，賀龍部轉攻包頭。/);
    assert.match(embed.footer?.text ?? '', /^來源：平綏路戰役/);
  });

  it('gives en-US readers English labels, Chinese sentences and pinyin of commander names', () => {
    const answer = okAnswer([cited('11月9日，贺龙部转攻包头。', 3, 2)], {
      facts: {
        name: '包头',
        period: { start: '1945-11-09' },
        commanders: [{ name: '贺龙', side: 'ccp', citation: cited('-', 3, 2).citation }],
        outcome: [cited('由于侦查失误和指挥失当，进攻包头也久攻不下。', 3, 3)],
      },
    });
    const embed = embedOf(renderForDiscord(answer, { locale: 'en-US' }));
    assert.equal(embed.title, '包头 (Bāotóu)');
    assert.match(embed.description ?? '', /11月9日，贺龙部转攻包头。/);
    const fields = Object.fromEntries((embed.fields ?? []).map((f) => [f.name, f.value]));
    assert.equal(fields.Period, '1945-11-09');
    // The commander's citation is the quoted sentence's: same marker number [1].
    assert.equal(fields.Commanders, `贺龙 (Hè Lóng) — CCP[\\[1\\]](${SEED_URL})`);
    assert.equal(fields.Outcome, `由于侦查失误和指挥失当，进攻包头也久攻不下。[\\[2\\]](${SEED_URL})`);
    assert.equal(
      fields.Citations,
      `[\\[1\\]](${SEED_URL}) 平绥路战役 · para. 3, sent. 2\n[\\[2\\]](${SEED_URL}) 平绥路战役 · para. 3, sent. 3`,
    );
    assert.match(embed.footer?.text ?? '', /^Sources/);
  });

  it('escapes markdown in the echoed question and keeps it as typed', () => {
    const answer = okAnswer([cited('11月9日，贺龙部转攻包头。', 3, 2)], {
      command: 'ask',
      query: '**x** @everyone _y_',
    });
    const embed = embedOf(renderForDiscord(answer, { locale: 'zh-TW' }));
    assert.equal(embed.title, '\\*\\*x\\*\\* @everyone \\_y\\_');
  });

  it('answers not_found with a short ephemeral note and the closest names', () => {
    const answer = COMMANDS.battle.run({ name: '诺曼底' }, ctx);
    assert.equal(answer.status, 'not_found');
    const reply = renderForDiscord(answer, { locale: 'zh-CN' });
    assert.equal(reply.flags, EPHEMERAL_FLAG);
    assert.deepEqual(reply.embeds, []);
    assert.match(reply.content ?? '', /^\*\*没有找到答案\*\*：/);
    assert.match(reply.content ?? '', /可以试试：\*\*平绥路战役\*\*/);
  });

  it("suggests titles from a user's corpus without a mention tag in the content", () => {
    const answer: Answer = {
      query: 'pizza',
      command: 'ask',
      status: 'not_found',
      message: 'The corpus says nothing about “pizza”.',
      answers: [],
      suggestions: ['@everyone', '<@&123>', '<#456>'],
    };
    const content = renderForDiscord(answer, { locale: 'zh-CN' }).content ?? '';
    assert.match(content, /everyone/);
    assert.doesNotMatch(content, /@(everyone|here)|<[@#]/);
  });

  it('answers invalid ephemerally with a pointer to /help', () => {
    const answer: Answer = {
      query: '',
      command: 'ask',
      status: 'invalid',
      message: 'The question is empty.',
      answers: [],
    };
    const reply = renderForDiscord(answer, { locale: 'en-US' });
    assert.equal(reply.flags, EPHEMERAL_FLAG);
    assert.equal(
      reply.content,
      '**Cannot handle this question**：The question is empty.\nType /help to see how to ask.',
    );
  });

  it('titles a timeline asked with a blank option as the whole corpus timeline', () => {
    for (const battle of [undefined, '   ']) {
      const answer = COMMANDS.timeline.run(battle === undefined ? {} : { battle }, ctx);
      assert.equal(embedOf(renderForDiscord(answer, { locale: 'en-US' })).title, 'Timeline');
    }
  });

  it('sets the ephemeral flag for private answers', () => {
    const answer = COMMANDS.battle.run({ name: '包头' }, ctx);
    assert.equal(renderForDiscord(answer, { locale: 'zh-CN', ephemeral: true }).flags, EPHEMERAL_FLAG);
  });

  it(`pages ${ANSWERS_PER_PAGE} sentences at a time with previous / more buttons`, () => {
    const answers = Array.from({ length: 12 }, (_, i) => cited(`第${i + 1}句。`, 1, i + 1));
    const answer = okAnswer(answers, { command: 'timeline', query: '' });
    assert.equal(countPages(answer, 'zh-CN'), 3);
    const pages = [0, 1, 2].map((page) => renderForDiscord(answer, { locale: 'zh-CN', page }));
    assert.deepEqual(
      pages.map((p) => markerNumbers(embedOf(p).description ?? '')),
      [
        [1, 2, 3, 4, 5],
        [6, 7, 8, 9, 10],
        [11, 12],
      ],
    );
    assert.deepEqual(
      pages.map((p) => buttonsOf(p).map((b) => b.custom_id ?? 'link')),
      [
        ['link', 'pg:timeline:1:c:='],
        ['link', 'pg:timeline:0:c:=', 'pg:timeline:2:c:='],
        ['link', 'pg:timeline:1:c:='],
      ],
    );
    assert.deepEqual(
      pages.map((p) => embedOf(p).footer?.text),
      ['来源：平绥路战役 · 第 1/3 页', '来源：平绥路战役 · 第 2/3 页', '来源：平绥路战役 · 第 3/3 页'],
    );
    // A page past the end shows the last page.
    assert.deepEqual(renderForDiscord(answer, { locale: 'zh-CN', page: 99 }), pages[2]);
  });

  it('drops a whole sentence rather than cutting it, and cuts only a sentence too long for a page alone', () => {
    const long = `${'长'.repeat(5_000)}。`;
    const answer = okAnswer([cited('短句。', 1, 1), cited(long, 1, 2), cited('又一句。', 1, 3)]);
    const pages = [0, 1, 2].map(
      (page) => embedOf(renderForDiscord(answer, { locale: 'zh-CN', page })).description ?? '',
    );
    assert.deepEqual(pages.map(markerNumbers), [[1], [2], [3]]);
    assert.ok((pages[1] ?? '').endsWith(`…[\\[2\\]](${SEED_URL})`));
    assert.ok((pages[1] ?? '').length <= 4_096);
  });
});

describe('renderNotice', () => {
  it('is ephemeral, mention-free and localized', () => {
    assert.deepEqual(renderNotice('rateLimited', 'zh-CN', { retryAfterMs: 1_200 }), {
      content: '你提问得有点快，请 2 秒后再试。',
      embeds: [],
      components: [],
      flags: EPHEMERAL_FLAG,
      allowed_mentions: { parse: [] },
    });
    assert.equal(renderNotice('stale', 'zh-TW').content, '這個按鈕已失效，請重新提問。');
    assert.match(renderNotice('error', 'en-US').content ?? '', /^Sorry/);
  });
});

describe('renderChoices', () => {
  it('shows names in the reader script and keeps values verbatim', () => {
    assert.deepEqual(renderChoices([{ name: '包头', value: '包头' }], 'zh-TW'), [
      { name: '包頭', value: '包头' },
    ]);
  });

  it('keeps at most 25 choices, cuts names to 100 characters, drops values over 100 and duplicates', () => {
    const choices = [
      { name: 'x'.repeat(150), value: 'long-name' },
      { name: 'too long value', value: 'v'.repeat(101) },
      { name: 'dup', value: 'long-name' },
      ...Array.from({ length: 40 }, (_, i) => ({ name: `n${i}`, value: `v${i}` })),
    ];
    const out = renderChoices(choices, 'zh-CN');
    assert.equal(out.length, 25);
    assert.equal(out[0]?.name.length, 100);
    assert.ok(out.every((c) => c.value.length >= 1 && c.value.length <= 100 && c.name.length <= 100));
    assert.equal(new Set(out.map((c) => c.value)).size, 25);
  });
});

describe('page custom_id', () => {
  it('carries a short query itself', () => {
    const id = encodePageId({ command: 'battle', page: 1, locale: 'zh-TW', query: '包头' });
    assert.equal(id, 'pg:battle:1:t:=包头');
    assert.deepEqual(decodePageId(id ?? ''), { command: 'battle', page: 1, locale: 'zh-TW', query: '包头' });
  });

  it('carries a hash of a long query, recovered from the embed title', () => {
    const query = `谁指挥了绥远战役？${'**@everyone** '.repeat(10)}`;
    const id = encodePageId({ command: 'ask', page: 2, locale: 'en-US', query }) ?? '';
    assert.match(id, /^pg:ask:2:e:#[0-9a-z]{7}$/);
    const decoded = decodePageId(id);
    assert.ok(decoded && 'queryHash' in decoded);
    const title = embedOf(
      renderForDiscord(okAnswer([cited('句。', 1, 1)], { command: 'ask', query }), { locale: 'en-US' }),
    ).title;
    assert.equal(recoverQuery({ title }, decoded.queryHash), query);
    assert.equal(recoverQuery({ title: 'another question' }, decoded.queryHash), undefined);
  });

  it('ignores foreign custom_ids', () => {
    assert.equal(decodePageId('button'), undefined);
    assert.equal(decodePageId('pg:battle:x:c:=包头'), undefined);
  });

  it('always fits in 100 characters and round-trips', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('battle', 'ask', 'who', 'timeline', 'sources', 'help'),
        fc.integer({ min: 0, max: 9_999 }),
        fc.constantFrom(...REPLY_LOCALES),
        fc.string({ unit: 'binary', maxLength: 1_000 }),
        (command, page, locale, query) => {
          const id = encodePageId({ command, page, locale, query });
          assert.ok(id !== undefined && id.length >= 1 && id.length <= CUSTOM_ID_MAX_LENGTH);
          const decoded = decodePageId(id);
          assert.ok(decoded);
          assert.deepEqual(
            { command: decoded.command, page: decoded.page, locale: decoded.locale },
            { command, page, locale },
          );
          if ('query' in decoded) assert.equal(decoded.query, query);
          else assert.equal(decoded.queryHash, hashQuery(query));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe('escapeMarkdown', () => {
  const markdownish = fc.string({
    unit: fc.constantFrom(
      '*',
      '_',
      '`',
      '~',
      '|',
      '\\',
      '#',
      '-',
      '1',
      '.',
      ' ',
      '\n',
      '[',
      ']',
      '(',
      ')',
      'a',
      '包',
      ':',
      '/',
      'https://x.y/',
      '<',
      '>',
    ),
    maxLength: 60,
  });

  it('matches discord.js escapeMarkdown, with default and with all options', () => {
    const all = { heading: true, bulletedList: true, numberedList: true, maskedLink: true };
    fc.assert(
      fc.property(markdownish, (text) => {
        assert.equal(escapeMarkdown(text), discordEscapeMarkdown(text));
        assert.equal(escapeMarkdown(text, all), discordEscapeMarkdown(text, all));
      }),
      { numRuns: 2_000 },
    );
  });

  it('is undone exactly by unescapeMarkdown', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        assert.equal(unescapeMarkdown(escapeMarkdown(text)), text);
        assert.equal(
          unescapeMarkdown(
            escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true }),
          ),
          text,
        );
      }),
      { numRuns: 2_000 },
    );
  });
});

// ------------------------------------------------------------------ properties over any answer

const TOKENS = [
  '包头',
  '贺龙',
  '傅作义',
  '。',
  '！',
  '？',
  '，',
  '*',
  '**',
  '_',
  '`',
  '```',
  '~~',
  '||',
  '\\',
  '#',
  '- ',
  '> ',
  '[1]',
  '](',
  ')',
  '(',
  '@everyone',
  '@here',
  '<@123>',
  ' ',
  '\n',
  '😀',
  'abc',
  '1945年',
  'x',
];
const text = (maxLength: number) =>
  fc.array(fc.constantFrom(...TOKENS), { maxLength }).map((parts) => parts.join(''));
const someText = fc.oneof(
  { weight: 4, arbitrary: text(40) },
  { weight: 1, arbitrary: text(400) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('长', '。', '*', 'a'), fc.integer({ min: 0, max: 6_000 }))
      .map(([c, n]) => c.repeat(n)),
  },
);
const nonEmpty = (arb: fc.Arbitrary<string>) => arb.map((s) => (s.length > 0 ? s : '句'));
const titleArb = fc.oneof(
  fc.constant('平绥路战役'),
  fc.constant('战役 (1945)'),
  nonEmpty(text(30)),
  fc.integer({ min: 1, max: 300 }).map((n) => '题'.repeat(n)),
);
const citationArb: fc.Arbitrary<Citation> = fc
  .record({
    title: titleArb,
    paragraph: fc.integer({ min: 1, max: 500 }),
    sentence: fc.integer({ min: 1, max: 500 }),
    url: fc.constant(''),
  })
  .map((c) => ({ ...c, url: `${WIKIPEDIA_BASE_URL}${encodeURIComponent(c.title)}` }));
const citedArb: fc.Arbitrary<CitedSentence> = fc.record(
  {
    text: nonEmpty(someText),
    citation: citationArb,
    date: fc.record({
      start: fc.constantFrom('1945', '1945-11', '1945-11-09'),
      end: fc.option(fc.constantFrom('1945-12', '1946-01-01'), { nil: undefined }),
      precision: fc.constantFrom('year' as const, 'month' as const, 'xun' as const, 'day' as const),
      text: fc.constant('1945年'),
    }),
  },
  { requiredKeys: ['text', 'citation'] },
);
const factsArb = fc.record(
  {
    name: nonEmpty(someText),
    focus: text(10),
    aliases: fc.array(someText, { maxLength: 30 }),
    period: fc.record({
      start: text(12),
      end: fc.option(text(12), { nil: undefined }),
      citation: fc.option(citationArb, { nil: undefined }),
    }),
    commanders: fc.array(
      fc.record({
        name: nonEmpty(text(8)),
        side: fc.constantFrom('ccp' as const, 'nationalist' as const, 'japanese' as const, 'other' as const),
        citation: citationArb,
      }),
      { maxLength: 60 },
    ),
    outcome: fc.array(citedArb, { maxLength: 12 }),
    side: fc.constantFrom('ccp' as const, 'nationalist' as const),
    alsoMeant: fc.array(
      fc.record({
        title: titleArb,
        period: fc.option(text(10), { nil: undefined }),
        url: fc.constantFrom(SEED_URL, 'https://zh.wikipedia.org/wiki/A_(B)'),
      }),
      { maxLength: 10 },
    ),
  },
  { requiredKeys: [] },
);
const answerArb: fc.Arbitrary<Answer> = fc.record(
  {
    query: someText,
    command: fc.constantFrom('battle', 'ask', 'who', 'timeline', 'sources', 'help', 'x'.repeat(40)),
    status: fc.constantFrom('ok' as const, 'ok' as const, 'not_found' as const, 'invalid' as const),
    message: someText,
    answers: fc.oneof(fc.array(citedArb, { maxLength: 8 }), fc.array(citedArb, { maxLength: 60 })),
    facts: factsArb,
    suggestions: fc.array(someText, { maxLength: 40 }),
  },
  { requiredKeys: ['query', 'command', 'status', 'answers'] },
);
const localeArb = fc.constantFrom<ReplyLocale>(...REPLY_LOCALES);

describe('renderForDiscord on arbitrary answers', () => {
  it('always produces a payload within every Discord limit, with mentions disabled', () => {
    fc.assert(
      fc.property(
        answerArb,
        localeArb,
        fc.integer({ min: -2, max: 30 }),
        fc.boolean(),
        (answer, locale, page, ephemeral) => {
          const reply = renderForDiscord(answer, { locale, page, ephemeral });
          assert.deepEqual(checkReplyLimits(reply), []);
          assert.deepEqual(reply.allowed_mentions, { parse: [] });
          if (answer.status !== 'ok' || ephemeral) assert.equal(reply.flags, EPHEMERAL_FLAG);
          else assert.equal(reply.flags, undefined);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('never shows part of a citation marker', () => {
    fc.assert(
      fc.property(answerArb, localeArb, fc.integer({ min: 0, max: 20 }), (answer, locale, page) => {
        const reply = renderForDiscord(answer, { locale, page });
        for (const embed of reply.embeds) {
          const texts = [embed.description ?? '', ...(embed.fields ?? []).map((f) => f.value)];
          for (const t of texts) {
            const openings = t.split('[\\[').length - 1;
            const complete = [...t.matchAll(CITATION_MARKER)].length;
            assert.equal(openings, complete, `incomplete marker in ${JSON.stringify(t.slice(0, 200))}`);
          }
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('shows every quoted sentence exactly once across the pages, in order', () => {
    fc.assert(
      fc.property(fc.array(citedArb, { minLength: 1, maxLength: 40 }), localeArb, (answers, locale) => {
        const answer: Answer = { query: '包头', command: 'battle', status: 'ok', answers };
        const pages = countPages(answer, locale);
        const seen = Array.from({ length: pages }, (_, page) =>
          markerNumbers(embedOf(renderForDiscord(answer, { locale, page })).description ?? ''),
        ).flat();
        assert.deepEqual(
          seen,
          answers.map((_, i) => i + 1),
        );
      }),
      { numRuns: 1_000 },
    );
  });
});
