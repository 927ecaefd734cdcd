/**
 * Property-based tests of the Discord reply builder (renderForDiscord, renderNotice,
 * renderChoices and the discord.js options made from them) for arbitrary Answers — hostile
 * Unicode, Markdown, mentions, huge texts, odd URLs — and any locale and page. Limits are
 * checked here independently of `checkReplyLimits` (and with it). Seeded: see arbitraries.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Answer, Citation, CitedSentence } from '../../src/answer';
import { WIKIPEDIA_BASE_URL } from '../../src/constants';
import { toMessageOptions } from '../../src/discord/respond';
import {
  checkReplyLimits,
  countPages,
  type DiscordReply,
  decodePageId,
  EPHEMERAL_FLAG,
  REPLY_LOCALES,
  type ReplyLocale,
  renderChoices,
  renderForDiscord,
  renderNotice,
  toReplyLocale,
} from '../../src/render';
import { fuzz, hasLoneSurrogate, hostileText } from './arbitraries';

// ------------------------------------------------------------------ an independent limit check

const LIMITS = {
  content: 2_000,
  title: 256,
  description: 4_096,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
  author: 256,
  fields: 25,
  embedsTotal: 6_000,
  embeds: 10,
  customId: 100,
  label: 80,
  rows: 5,
  buttonsPerRow: 5,
  url: 512,
};

type Embed = {
  title?: string;
  description?: string;
  url?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  author?: { name: string };
};
type Button = { type: number; style: number; label?: string; custom_id?: string; url?: string };

const LINKED_AT = /\[\\\[\d+\\\]\]\(https?:\/\/[^\s()]+\)/y;
/** `[` (user text) right before an unlinked marker `\[n\]` (a citation whose URL cannot be linked). */
const UNLINKED_AFTER_BRACKET_AT = /\[\\\[\d+\\\](?!\]\(|…)/y;

/**
 * Where a citation marker was cut in half, or undefined. A marker is `[\[n\]](url)` (or, for a
 * URL Discord cannot link, `\[n\]`); user text cannot produce `[\[` (its backslashes are
 * escaped as `\\`), so every `[\[` must start a complete marker — or be a `[` of user text
 * followed by a whole unlinked marker.
 */
function cutMarker(text: string): number | undefined {
  for (let i = text.indexOf('[\\['); i >= 0; i = text.indexOf('[\\[', i + 1)) {
    LINKED_AT.lastIndex = i;
    if (LINKED_AT.test(text)) continue;
    UNLINKED_AFTER_BRACKET_AT.lastIndex = i;
    if (UNLINKED_AFTER_BRACKET_AT.test(text)) continue;
    return i;
  }
  return undefined;
}

/** Every way a reply breaks Discord's limits or the product's rules, `[]` when it keeps them. */
function violations(reply: DiscordReply): string[] {
  const out: string[] = [];
  const len = (s: string | undefined) => (s ?? '').length;
  if (len(reply.content) > LIMITS.content) out.push(`content ${len(reply.content)}`);
  if (JSON.stringify(reply.allowed_mentions) !== '{"parse":[]}') out.push('allowed_mentions');
  const embeds = reply.embeds as Embed[];
  if (embeds.length > LIMITS.embeds) out.push(`${embeds.length} embeds`);
  let total = 0;
  for (const e of embeds) {
    total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name);
    if (len(e.title) > LIMITS.title) out.push(`title ${len(e.title)}`);
    if (len(e.description) > LIMITS.description) out.push(`description ${len(e.description)}`);
    if (len(e.footer?.text) > LIMITS.footer) out.push(`footer ${len(e.footer?.text)}`);
    if (e.url !== undefined && !/^https?:\/\/\S+$/.test(e.url)) out.push(`embed url ${e.url}`);
    const fields = e.fields ?? [];
    if (fields.length > LIMITS.fields) out.push(`${fields.length} fields`);
    for (const f of fields) {
      total += len(f.name) + len(f.value);
      if (len(f.name) < 1 || len(f.name) > LIMITS.fieldName) out.push(`field name ${len(f.name)}`);
      if (len(f.value) < 1 || len(f.value) > LIMITS.fieldValue) out.push(`field value ${len(f.value)}`);
    }
    for (const text of [e.description ?? '', ...fields.map((f) => f.value)]) {
      const cut = cutMarker(text);
      if (cut !== undefined)
        out.push(`cut marker at ${cut} in ${JSON.stringify(text.slice(Math.max(0, cut - 40), cut + 80))}`);
    }
  }
  if (total > LIMITS.embedsTotal) out.push(`embeds total ${total}`);
  if (reply.components.length > LIMITS.rows) out.push(`${reply.components.length} rows`);
  const ids = new Set<string>();
  for (const row of reply.components) {
    const buttons = row.components as Button[];
    if (buttons.length > LIMITS.buttonsPerRow) out.push(`${buttons.length} buttons`);
    for (const b of buttons) {
      if (len(b.label) < 1 || len(b.label) > LIMITS.label) out.push(`label ${len(b.label)}`);
      if (b.style === 5) {
        if (!b.url || !/^https?:\/\/\S+$/.test(b.url) || b.url.length > LIMITS.url) out.push(`link ${b.url}`);
        continue;
      }
      const id = b.custom_id ?? '';
      if (id.length < 1 || id.length > LIMITS.customId) out.push(`custom_id ${id.length}`);
      if (ids.has(id)) out.push(`custom_id ${id} twice`);
      ids.add(id);
    }
  }
  return out;
}

/** A copy of a JSON value with every lone surrogate removed from its strings. */
function withoutLoneSurrogates<T>(value: T): T {
  if (typeof value === 'string')
    return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '') as T;
  if (Array.isArray(value)) return value.map(withoutLoneSurrogates) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutLoneSurrogates(v)])) as T;
  return value;
}

/** Every string in a reply (to look for lone surrogates). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

// ------------------------------------------------------------------ arbitrary answers

const anyText = (max: number) =>
  fc.oneof(
    { weight: 5, arbitrary: hostileText(Math.min(max, 30)) },
    { weight: 1, arbitrary: hostileText(max) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(hostileText(6, 1), fc.integer({ min: 1, max: 7_000 }))
        .map(([chunk, n]) => chunk.repeat(Math.ceil(n / chunk.length)).slice(0, n)),
    },
  );
const nonEmpty = (arb: fc.Arbitrary<string>) => arb.map((s) => (s.length > 0 ? s : '句'));

const urlArb = fc.oneof(
  {
    weight: 6,
    arbitrary: nonEmpty(hostileText(6)).map(
      (t) => `${WIKIPEDIA_BASE_URL}${encodeURIComponent(t.replace(/[\uD800-\uDFFF]/g, ''))}`,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      `${WIKIPEDIA_BASE_URL}A_(B)`,
      `${WIKIPEDIA_BASE_URL}a b`,
      'https://x.y/)(',
      'http://x.y/[1]',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 400, max: 3_000 })
      .map((n) => `${WIKIPEDIA_BASE_URL}${'%E5'.repeat(Math.ceil(n / 3))}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('javascript:alert(1)', 'ftp://x.y/', 'not a url', '', 'https://') },
);
const citationArb: fc.Arbitrary<Citation> = fc.record({
  title: nonEmpty(anyText(300)),
  paragraph: fc.integer({ min: 1, max: 100_000 }),
  sentence: fc.integer({ min: 1, max: 100_000 }),
  url: urlArb,
});
const dateString = fc.oneof(
  fc.constantFrom('1945', '1945-11', '1945-11-09', '0001-01-01', '9999-12-31'),
  hostileText(10),
);
const citedArb: fc.Arbitrary<CitedSentence> = fc.record(
  {
    text: nonEmpty(anyText(500)),
    citation: citationArb,
    id: hostileText(10),
    date: fc.record({
      start: dateString,
      end: fc.option(dateString, { nil: undefined }),
      precision: fc.constantFrom('year' as const, 'month' as const, 'xun' as const, 'day' as const),
      text: hostileText(8),
    }),
  },
  { requiredKeys: ['text', 'citation'] },
);
const side = fc.constantFrom('ccp' as const, 'nationalist' as const, 'japanese' as const, 'other' as const);
const answerArb: fc.Arbitrary<Answer> = fc.record(
  {
    query: anyText(6_000),
    command: fc.oneof(
      fc.constantFrom('battle', 'ask', 'who', 'timeline', 'sources', 'help'),
      hostileText(20),
    ),
    status: fc.constantFrom(
      'ok' as const,
      'ok' as const,
      'ok' as const,
      'not_found' as const,
      'invalid' as const,
    ),
    message: anyText(3_000),
    answers: fc.oneof(
      { weight: 4, arbitrary: fc.array(citedArb, { maxLength: 8 }) },
      { weight: 1, arbitrary: fc.array(citedArb, { maxLength: 220 }) },
    ),
    facts: fc.record(
      {
        name: anyText(400),
        aliases: fc.array(anyText(50), { maxLength: 40 }),
        focus: anyText(50),
        period: fc.record({
          start: dateString,
          end: fc.option(dateString, { nil: undefined }),
          citation: fc.option(citationArb, { nil: undefined }),
        }),
        commanders: fc.array(fc.record({ name: nonEmpty(anyText(40)), side, citation: citationArb }), {
          maxLength: 80,
        }),
        outcome: fc.array(citedArb, { maxLength: 10 }),
        side,
        alsoMeant: fc.array(
          fc.record({
            title: nonEmpty(anyText(80)),
            period: fc.option(anyText(20), { nil: undefined }),
            url: urlArb,
          }),
          { maxLength: 12 },
        ),
      },
      { requiredKeys: [] },
    ),
    suggestions: fc.array(anyText(200), { maxLength: 40 }),
    intent: fc.constantFrom('who', 'when', 'general'),
  },
  { requiredKeys: ['query', 'command', 'status', 'answers'] },
);
const localeArb: fc.Arbitrary<ReplyLocale> = fc.oneof(
  fc.constantFrom(...REPLY_LOCALES),
  fc.constantFrom('zh-HK', 'zh', 'en-GB', 'ja', '', 'xx-YY').map((l) => toReplyLocale(l)),
);

// ------------------------------------------------------------------ properties

describe('renderForDiscord on arbitrary answers, locales and pages', () => {
  it('keeps every Discord limit, disables mentions, never cuts a citation marker (1,500 runs)', () => {
    fc.assert(
      fc.property(
        answerArb,
        localeArb,
        fc.integer({ min: -5, max: 100 }),
        fc.boolean(),
        (answer, locale, page, ephemeral) => {
          const reply = renderForDiscord(answer, { locale, page, ephemeral });
          assert.deepEqual(violations(reply), []);
          assert.deepEqual(checkReplyLimits(reply), []);
          assert.deepEqual(reply.allowed_mentions, { parse: [] });
          if (answer.status !== 'ok' || ephemeral) assert.equal(reply.flags, EPHEMERAL_FLAG);
          // What discord.js is given: mentions disabled there too.
          assert.deepEqual(toMessageOptions(reply).allowedMentions, { parse: [] });
        },
      ),
      fuzz(1_500),
    );
  });

  it('never creates a lone surrogate by cutting text (800 runs)', () => {
    const wellFormed = answerArb.map(withoutLoneSurrogates);
    fc.assert(
      fc.property(wellFormed, localeArb, fc.integer({ min: 0, max: 5 }), (answer, locale, page) => {
        for (const s of strings(renderForDiscord(answer, { locale, page })))
          assert.ok(!hasLoneSurrogate(s), `lone surrogate in ${JSON.stringify(s.slice(-40))}`);
      }),
      fuzz(800),
    );
  });

  it('page buttons carry a custom_id that decodes back to a page that exists (500 runs)', () => {
    const okAnswer = answerArb.map((a) => ({ ...a, status: 'ok' as const }));
    fc.assert(
      fc.property(okAnswer, localeArb, fc.integer({ min: 0, max: 60 }), (answer, locale, page) => {
        const pages = countPages(answer, locale);
        const reply = renderForDiscord(answer, { locale, page });
        for (const b of reply.components.flatMap((r) => r.components) as Button[]) {
          if (b.style === 5) continue;
          const decoded = decodePageId(b.custom_id ?? '');
          if (!answer.command.includes(':') && answer.command.length <= 32 && answer.command.length > 0) {
            assert.ok(decoded, `undecodable custom_id ${b.custom_id}`);
            assert.equal(decoded.command, answer.command);
            assert.equal(decoded.locale, locale);
            assert.ok(decoded.page >= 0 && decoded.page < pages, `page ${decoded.page} of ${pages}`);
          }
        }
      }),
      fuzz(500),
    );
  });
});

describe('renderNotice and renderChoices on arbitrary input', () => {
  it('notices are short, ephemeral and mention-free for any retry time and locale (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('rateLimited' as const, 'error' as const, 'stale' as const),
        localeArb,
        fc.oneof(fc.integer(), fc.double(), fc.constant(undefined)),
        (kind, locale, retryAfterMs) => {
          const reply = renderNotice(kind, locale, { retryAfterMs });
          assert.deepEqual(violations(reply), []);
          assert.equal(reply.flags, EPHEMERAL_FLAG);
          assert.ok((reply.content ?? '').length > 0);
        },
      ),
      fuzz(1_000),
    );
  });

  it('choices: at most 25, names and values 1-100 characters, values unique and unchanged (2,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: anyText(300), value: anyText(150) }), { maxLength: 60 }),
        localeArb,
        (choices, locale) => {
          const out = renderChoices(choices, locale);
          assert.ok(out.length <= 25);
          const values = new Set(choices.map((c) => c.value));
          for (const c of out) {
            assert.ok(c.name.length >= 1 && c.name.length <= 100, `name ${c.name.length}`);
            assert.ok(c.value.length >= 1 && c.value.length <= 100, `value ${c.value.length}`);
            assert.ok(values.has(c.value), 'a value is sent back unchanged');
          }
          assert.equal(new Set(out.map((c) => c.value)).size, out.length);
        },
      ),
      fuzz(2_000),
    );
  });
});
