/**
 * Discord reply data for an {@link Answer}: plain JSON objects (embeds, buttons, choices) that
 * discord.js accepts as they are. Pure: no discord.js at runtime (types only), no I/O; every
 * limit of discord-limits.md is enforced here, so the adapter only sends.
 */

import { createRequire } from 'node:module';
import type {
  APIActionRowComponent,
  APIApplicationCommandOptionChoice,
  APIButtonComponent,
  APIEmbed,
  APIEmbedField,
} from 'discord.js';
import type { Answer, Citation } from '../answer';
import {
  AUTOCOMPLETE_MAX_CHOICES,
  AUTOCOMPLETE_MAX_NAME_LENGTH,
  AUTOCOMPLETE_MAX_VALUE_LENGTH,
  BUTTON_LABEL_MAX_LENGTH,
  BUTTONS_PER_ROW,
  CUSTOM_ID_MAX_LENGTH,
  MAX_EMBED_AUTHOR_NAME_LENGTH,
  MAX_EMBED_DESCRIPTION_LENGTH,
  MAX_EMBED_FIELD_NAME_LENGTH,
  MAX_EMBED_FIELD_VALUE_LENGTH,
  MAX_EMBED_FIELDS,
  MAX_EMBED_FOOTER_LENGTH,
  MAX_EMBED_TITLE_LENGTH,
  MAX_EMBEDS_PER_MESSAGE,
  MAX_EMBEDS_TOTAL_LENGTH,
  MAX_MESSAGE_LENGTH,
} from '../constants';
import { mentionSafe } from '../text/mentions';
import { inLocaleScript, type ReplyLocale } from './locale';
import { explainAnswer, type Messages, messagesFor } from './messages';
import { citationLabel } from './renderText';
import { countFitting, TRUNCATION_MARK, truncate } from './truncate';

let pinyin: typeof import('pinyin-pro').pinyin | undefined;

/** A message as Discord's API takes it (snake_case), for reply, editReply, followUp and update. */
export type DiscordReply = {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  /** {@link EPHEMERAL_FLAG} when only the asker may see it */
  flags?: number;
  /** always `{ parse: [] }`: answers and notices echo user text, which must never ping */
  allowed_mentions: { parse: [] };
};

/** Options of {@link renderForDiscord}. */
export type DiscordRenderOptions = {
  locale: ReplyLocale;
  /** 0-based page of the quoted sentences; clamped to the pages there are. Default 0. */
  page?: number;
  /** The user asked for `private`. `not_found` and `invalid` are ephemeral regardless. */
  ephemeral?: boolean;
};

/** `MessageFlags.Ephemeral`, named here because render may not import discord.js at runtime. */
export const EPHEMERAL_FLAG = 1 << 6;

/** Quoted sentences per page; "more" pages through the rest. */
export const ANSWERS_PER_PAGE = 5;

/**
 * Character budgets of the parts of an answer embed. Their sum (256 + 3,500 + 1,900 + 256 =
 * 5,912) stays under the 6,000 characters Discord allows across a message's embeds, so no part
 * ever has to shrink because another grew, and pages can be computed from the sentences alone.
 */
const DESCRIPTION_BUDGET = 3_500;
const FIELDS_BUDGET = 1_900;
const FOOTER_BUDGET = 256;
/** A core message (why nothing was found, a note) is cut to this before it is shown. */
const MESSAGE_BUDGET = 1_000;
/** Discord refuses button URLs over 512 characters; longer citation links are shown unlinked. */
const MAX_LINK_URL_LENGTH = 512;
/** A dark red for the campaign's answers. */
const EMBED_COLOR = 0x9b2226;

/** Labels only the Discord replies need (the shared ones are in messages.ts). */
const DISCORD_MESSAGES = {
  'zh-CN': {
    page: (n: number, of: number) => `第 ${n}/${of} 页`,
    citations: '出处',
    timeline: '时间线',
    help: '使用说明',
    noSentences: '没有找到可引用的句子。',
    invalidHint: '输入 /help 查看用法。',
    rateLimited: (seconds: number) => `你提问得有点快，请 ${seconds} 秒后再试。`,
    error: '抱歉，处理这个请求时出错了，请稍后再试。',
    stale: '这个按钮已失效，请重新提问。',
  },
  'zh-TW': {
    page: (n: number, of: number) => `第 ${n}/${of} 頁`,
    citations: '出處',
    timeline: '時間線',
    help: '使用說明',
    noSentences: '沒有找到可引用的句子。',
    invalidHint: '輸入 /help 查看用法。',
    rateLimited: (seconds: number) => `你提問得有點快，請 ${seconds} 秒後再試。`,
    error: '抱歉，處理這個請求時出錯了，請稍後再試。',
    stale: '這個按鈕已失效，請重新提問。',
  },
  'en-US': {
    page: (n: number, of: number) => `Page ${n}/${of}`,
    citations: 'Citations',
    timeline: 'Timeline',
    help: 'How to ask',
    noSentences: 'No sentence to quote was found.',
    invalidHint: 'Type /help to see how to ask.',
    rateLimited: (seconds: number) => `You are asking a little fast; please try again in ${seconds} s.`,
    error: 'Sorry, something went wrong while answering; please try again later.',
    stale: 'This button no longer works; please ask again.',
  },
} as const satisfies Record<ReplyLocale, unknown>;

/**
 * The reply to an answer, for one locale and page. An `ok` answer becomes one embed: a title
 * (battle, person or the question), the page's quoted sentences each ending in a citation
 * marker that links to its article, the facts as fields (时间 / 指挥官 / 结果 …), the sources
 * and the page in the footer, plus a link button and "previous" / "more" buttons. `not_found`
 * and `invalid` become a short ephemeral note with suggestions. Every limit holds for any
 * input: cuts fall at sentence ends and drop whole sentences with their markers.
 *
 * @example
 * renderForDiscord(answerBattle('包头', ctx), { locale: 'zh-TW' }).embeds[0]?.description
 * // '由於偵查失誤和指揮失當，進攻包頭也久攻不下。[\[1\]](https://zh.wikipedia.org/wiki/…)\n11月9日，賀龍部轉攻包頭。[\[2\]](…)'
 */
export function renderForDiscord(answer: Answer, options: DiscordRenderOptions): DiscordReply {
  const { locale } = options;
  if (answer.status !== 'ok') return renderProblem(answer, locale);
  const m = messagesFor(locale);
  const dm = DISCORD_MESSAGES[locale];
  const t = (text: string) => inLocaleScript(text, locale);
  const numbers = new CitationNumbers(answer);

  const messageBlock = messageBlockOf(answer, locale);
  const sentenceBudget = DESCRIPTION_BUDGET - (messageBlock ? messageBlock.length + 1 : 0);
  const lines = answerLines(answer, locale);
  const pages = paginate(lines, sentenceBudget);
  const page = Math.min(Math.max(0, Math.trunc(options.page ?? 0)), Math.max(0, pages.length - 1));
  const shown = pages[page] ?? [];
  for (const index of shown) numbers.use(index + 1);

  const blocks = [messageBlock, shown.map((index) => fitLine(lines[index], sentenceBudget)).join('\n')];
  if (!messageBlock && shown.length === 0) blocks.push(dm.noSentences);
  const description = blocks.filter((b) => b.length > 0).join('\n');

  const fields = factFields(answer, locale, numbers);
  const sourcesField = citationsField(locale, numbers, FIELDS_BUDGET - fieldsLength(fields));
  if (sourcesField) fields.push(sourcesField);

  const articleTitles = [...new Set(answer.answers.map((a) => t(a.citation.title)))];
  const footerParts = [articleTitles.length > 0 ? `${m.sources}：${articleTitles.join('、')}` : ''];
  if (pages.length > 1) footerParts.push(dm.page(page + 1, pages.length));
  const footer = truncate(footerParts.filter(Boolean).join(' · '), FOOTER_BUDGET);

  const firstUrl = answer.answers.map((a) => a.citation.url).find(isLinkable);
  const embed: APIEmbed = {
    title: truncate(titleFor(answer, locale), MAX_EMBED_TITLE_LENGTH),
    color: EMBED_COLOR,
    ...(firstUrl ? { url: firstUrl } : {}),
    ...(description ? { description } : {}),
    ...(fields.length > 0 ? { fields } : {}),
    ...(footer ? { footer: { text: footer } } : {}),
  };

  // A query too long for a page button's custom_id travels as its hash, checked against the
  // query read back from the message. /ask's title is the question; a name's title (/battle,
  // /who, /timeline) is what it resolved to, so there the query rides as the embed's author line.
  if (pages.length > 1 && needsQueryCarrier(answer, locale, embed)) embed.author = { name: answer.query };

  const buttons: APIButtonComponent[] = [];
  if (firstUrl) {
    const label = truncate(
      `${m.openArticle} · ${t(answer.answers[0]?.citation.title ?? '')}`,
      BUTTON_LABEL_MAX_LENGTH,
    );
    buttons.push({ type: 2, style: 5, label, url: firstUrl });
  }
  const pageButton = (target: number, label: string, style: 1 | 2): void => {
    const customId = encodePageId({ command: answer.command, page: target, locale, query: answer.query });
    if (customId)
      buttons.push({ type: 2, style, label: truncate(label, BUTTON_LABEL_MAX_LENGTH), custom_id: customId });
  };
  if (page > 0) pageButton(page - 1, m.previous, 2);
  if (page < pages.length - 1) pageButton(page + 1, m.more, 1);

  return {
    embeds: [embed],
    components: buttons.length > 0 ? [{ type: 1, components: buttons.slice(0, BUTTONS_PER_ROW) }] : [],
    ...(options.ephemeral ? { flags: EPHEMERAL_FLAG } : {}),
    allowed_mentions: { parse: [] },
  };
}

/** How many pages of quoted sentences {@link renderForDiscord} makes of an answer. */
export function countPages(answer: Answer, locale: ReplyLocale): number {
  if (answer.status !== 'ok') return 1;
  const messageBlock = messageBlockOf(answer, locale);
  const budget = DESCRIPTION_BUDGET - (messageBlock ? messageBlock.length + 1 : 0);
  return Math.max(1, paginate(answerLines(answer, locale), budget).length);
}

/** Notes that are not answers: all ephemeral, all in the reader's language. */
export type NoticeKind = 'rateLimited' | 'error' | 'stale';

/**
 * A short ephemeral note: the user asked too fast (`retryAfterMs`), something failed, or a
 * button cannot be recomputed any more.
 *
 * @example
 * renderNotice('rateLimited', 'zh-CN', { retryAfterMs: 1_200 }).content // '你提问得有点快，请 2 秒后再试。'
 */
export function renderNotice(
  kind: NoticeKind,
  locale: ReplyLocale,
  params: { retryAfterMs?: number } = {},
): DiscordReply {
  const dm = DISCORD_MESSAGES[locale];
  const content =
    kind === 'rateLimited'
      ? dm.rateLimited(Math.max(1, Math.ceil((params.retryAfterMs ?? 1_000) / 1_000)))
      : dm[kind];
  return { content, embeds: [], components: [], flags: EPHEMERAL_FLAG, allowed_mentions: { parse: [] } };
}

/**
 * Autocomplete choices as Discord takes them: at most 25, names in the reader's script and cut
 * to 100 characters, values unchanged (a cut value would be another query, so such a choice is
 * dropped), no duplicate values.
 *
 * @example
 * renderChoices([{ name: '包头', value: '包头' }], 'zh-TW') // [{ name: '包頭', value: '包头' }]
 */
export function renderChoices(
  choices: readonly { name: string; value: string }[],
  locale: ReplyLocale,
): APIApplicationCommandOptionChoice<string>[] {
  const out: APIApplicationCommandOptionChoice<string>[] = [];
  const seen = new Set<string>();
  for (const choice of choices) {
    if (out.length >= AUTOCOMPLETE_MAX_CHOICES) break;
    const { value } = choice;
    if (value.length < 1 || value.length > AUTOCOMPLETE_MAX_VALUE_LENGTH || seen.has(value)) continue;
    const name = truncate(
      inLocaleScript(clip(choice.name.trim() || value, AUTOCOMPLETE_MAX_NAME_LENGTH), locale),
      AUTOCOMPLETE_MAX_NAME_LENGTH,
    );
    if (name.trim().length === 0) continue;
    seen.add(value);
    out.push({ name, value });
  }
  return out;
}

// ------------------------------------------------------------------ custom_id of page buttons

/** What a page button must carry to recompute its page after a restart: nothing is stored. */
export type PageTarget = {
  command: string;
  /** 0-based page to show */
  page: number;
  locale: ReplyLocale;
  /** the command's main option as the user gave it (`包头`, the question, '' for none) */
  query: string;
};

/** A decoded page button: the query itself, or only its hash when it was too long to carry. */
export type PageId = Omit<PageTarget, 'query'> & ({ query: string } | { queryHash: string });

const PAGE_ID_PREFIX = 'pg';
const LOCALE_CODES: Record<ReplyLocale, string> = { 'zh-CN': 'c', 'zh-TW': 't', 'en-US': 'e' };

/**
 * The custom_id of a page button: `pg:<command>:<page>:<c|t|e>:=<query>` when the query fits in
 * Discord's 100 characters, else `pg:<command>:<page>:<locale>:#<hash>`, and the button handler
 * re-derives the query from the message's embed title (the escaped question) and checks it
 * against the hash. Stateless, so buttons survive restarts. `undefined` if even the hashed form
 * cannot fit (a command name of 90 characters).
 *
 * @example
 * encodePageId({ command: 'battle', page: 1, locale: 'zh-CN', query: '包头' }) // 'pg:battle:1:c:=包头'
 */
export function encodePageId(target: PageTarget): string | undefined {
  const head = `${PAGE_ID_PREFIX}:${target.command}:${target.page}:${LOCALE_CODES[target.locale]}:`;
  const plain = `${head}=${target.query}`;
  if (plain.length <= CUSTOM_ID_MAX_LENGTH && !target.command.includes(':')) return plain;
  const hashed = `${head}#${hashQuery(target.query)}`;
  return hashed.length <= CUSTOM_ID_MAX_LENGTH && !target.command.includes(':') ? hashed : undefined;
}

/**
 * Reads a page button's custom_id; `undefined` for anything else (an old or foreign button).
 *
 * @example
 * decodePageId('pg:battle:1:c:=包头') // { command: 'battle', page: 1, locale: 'zh-CN', query: '包头' }
 */
export function decodePageId(customId: string): PageId | undefined {
  const match = /^pg:([^:]{1,32}):(\d{1,5}):([cte]):([=#])([\s\S]*)$/.exec(customId);
  if (!match) return undefined;
  const [, command = '', page = '0', code = 'c', kind, rest = ''] = match;
  const locale =
    (Object.keys(LOCALE_CODES) as ReplyLocale[]).find((l) => LOCALE_CODES[l] === code) ?? 'zh-CN';
  const base = { command, page: Number(page), locale };
  return kind === '=' ? { ...base, query: rest } : { ...base, queryHash: rest };
}

/**
 * A short, stable hash of a query (FNV-1a, 32 bits, base 36): enough to check that a query
 * re-derived from a message is the one a button was made for. Not a security measure.
 *
 * @example
 * hashQuery('谁指挥了绥远战役？') // '0x9k2f1' (7 base-36 characters)
 */
export function hashQuery(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0');
}

/** The parts of a message's embed a query can be read back from. */
export type QueryCarrier = { title?: string | null; author?: { name?: string | null } | null };

/**
 * The query a `#hash` button was made for, recovered from the embed of the message it sits on —
 * its title (the escaped question, for /ask) or its author line (the query of a name's answer) —
 * or `undefined` when neither holds it any more (cut, edited, another message).
 *
 * @example
 * recoverQuery({ title: '谁指挥了绥远战役？' }, hashQuery('谁指挥了绥远战役？')) // '谁指挥了绥远战役？'
 */
export function recoverQuery(embed: QueryCarrier | undefined, queryHash: string): string | undefined {
  const candidates = [
    embed?.title ? unescapeMarkdown(embed.title) : undefined,
    embed?.author?.name ?? undefined,
  ];
  return candidates.find((c) => c !== undefined && hashQuery(c) === queryHash);
}

/** Whether an answer's page buttons carry only the query's hash and its title cannot give it back. */
function needsQueryCarrier(answer: Answer, locale: ReplyLocale, embed: APIEmbed): boolean {
  const id = encodePageId({ command: answer.command, page: 1, locale, query: answer.query });
  const decoded = id === undefined ? undefined : decodePageId(id);
  if (!decoded || 'query' in decoded) return false;
  if (recoverQuery(embed, hashQuery(answer.query)) !== undefined) return false;
  const length = [
    embed.title,
    embed.description,
    embed.footer?.text,
    ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]),
  ].reduce((sum, text) => sum + (text?.length ?? 0), 0);
  return (
    answer.query.length <= MAX_EMBED_AUTHOR_NAME_LENGTH &&
    length + answer.query.length <= MAX_EMBEDS_TOTAL_LENGTH
  );
}

// ------------------------------------------------------------------ markdown

/** Which markdown {@link escapeMarkdown} neutralizes; defaults as in discord.js. */
export type EscapeMarkdownOptions = {
  codeBlock?: boolean;
  inlineCode?: boolean;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  spoiler?: boolean;
  /** backslashes themselves (so that the escaping can be undone exactly) */
  escape?: boolean;
  heading?: boolean;
  bulletedList?: boolean;
  numberedList?: boolean;
  maskedLink?: boolean;
};

/**
 * Text with Discord markdown neutralized, so that it shows as typed: the same output as
 * discord.js's `escapeMarkdown` with the same options (render may not import discord.js at
 * runtime). Every escape is one backslash before a character and backslashes are doubled
 * first, so {@link unescapeMarkdown} undoes it exactly.
 *
 * @example
 * escapeMarkdown('**x** @everyone') // '\\*\\*x\\*\\* @everyone'
 */
export function escapeMarkdown(text: string, options: EscapeMarkdownOptions = {}): string {
  const {
    codeBlock = true,
    inlineCode = true,
    bold = true,
    italic = true,
    underline = true,
    strikethrough = true,
    spoiler = true,
    escape: escapeBackslashes = true,
    heading = false,
    bulletedList = false,
    numberedList = false,
    maskedLink = false,
  } = options;
  let res = text;
  if (escapeBackslashes) res = res.replaceAll('\\', '\\\\');
  // The guards skip regexes whose lookbehinds cost O(n²) on long text without the character.
  if (inlineCode && res.includes('`'))
    res = res.replaceAll(/(?<=^|[^`])``?(?=[^`]|$)/g, (match) => (match.length === 2 ? '\\`\\`' : '\\`'));
  if (codeBlock) res = res.replaceAll('```', '\\`\\`\\`');
  if (italic) res = escapeItalic(res);
  if (bold && res.includes('**')) {
    let idx = 0;
    res = res.replaceAll(/\*\*(\*)?/g, (_, match: string | undefined) => {
      if (match) return ++idx % 2 ? `${match}\\*\\*` : `\\*\\*${match}`;
      return '\\*\\*';
    });
  }
  if (underline && res.includes('__')) {
    let idx = 0;
    res = res.replaceAll(/(?<!<a?:.+|https?:\/\/\S+)__(_)?(?!:\d+>)/g, (_, match: string | undefined) => {
      if (match) return ++idx % 2 ? `${match}\\_\\_` : `\\_\\_${match}`;
      return '\\_\\_';
    });
  }
  if (strikethrough) res = res.replaceAll('~~', '\\~\\~');
  if (spoiler) res = res.replaceAll('||', '\\|\\|');
  if (heading) res = res.replaceAll(/^( {0,2})([*-] )?( *)(#{1,3} )/gm, '$1$2$3\\$4');
  if (bulletedList) res = res.replaceAll(/^( *)([*-])( +)/gm, '$1\\$2$3');
  if (numberedList) res = res.replaceAll(/^( *\d+)\./gm, '$1\\.');
  if (maskedLink && res.includes('](')) res = res.replaceAll(/\[.+]\(.+\)/gm, '\\$&');
  return res;
}

/**
 * The inverse of {@link escapeMarkdown} with `escape: true`: drops each escaping backslash.
 *
 * @example
 * unescapeMarkdown('\\*\\*x\\*\\*') // '**x**'
 */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\s\S])/g, '$1');
}

// ------------------------------------------------------------------ limits

/**
 * Every way `data` (a reply body as sent to Discord) breaks the limits of discord-limits.md,
 * one line each; `[]` when it is valid. Used by the tests on every body the fake receives.
 *
 * @example
 * checkReplyLimits({ content: 'x'.repeat(2_001) }) // ['content is 2001 characters (max 2000)', …]
 */
export function checkReplyLimits(data: unknown): string[] {
  const problems: string[] = [];
  const body = asRecord(data);
  const over = (what: string, value: unknown, max: number, min = 0) => {
    if (value === undefined || value === null) return 0;
    const length = String(value).length;
    if (length > max || length < min) problems.push(`${what} is ${length} characters (${min}..${max})`);
    return length;
  };
  over('content', body.content, MAX_MESSAGE_LENGTH);
  const mentions = asRecord(body.allowed_mentions);
  if (!Array.isArray(mentions.parse) || mentions.parse.length > 0)
    problems.push('allowed_mentions.parse is not []');
  for (const key of ['users', 'roles'] as const) {
    if (Array.isArray(mentions[key]) && (mentions[key] as unknown[]).length > 0)
      problems.push(`allowed_mentions.${key} is not empty`);
  }
  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > MAX_EMBEDS_PER_MESSAGE)
    problems.push(`${embeds.length} embeds (max ${MAX_EMBEDS_PER_MESSAGE})`);
  let total = 0;
  embeds.forEach((raw, e) => {
    const embed = asRecord(raw);
    total += over(`embed ${e} title`, embed.title, MAX_EMBED_TITLE_LENGTH);
    total += over(`embed ${e} description`, embed.description, MAX_EMBED_DESCRIPTION_LENGTH);
    total += over(`embed ${e} footer`, asRecord(embed.footer).text, MAX_EMBED_FOOTER_LENGTH);
    total += over(`embed ${e} author`, asRecord(embed.author).name, MAX_EMBED_AUTHOR_NAME_LENGTH);
    const fields = Array.isArray(embed.fields) ? embed.fields : [];
    if (fields.length > MAX_EMBED_FIELDS)
      problems.push(`embed ${e} has ${fields.length} fields (max ${MAX_EMBED_FIELDS})`);
    fields.forEach((rawField, f) => {
      const field = asRecord(rawField);
      total += over(`embed ${e} field ${f} name`, field.name ?? '', MAX_EMBED_FIELD_NAME_LENGTH, 1);
      total += over(`embed ${e} field ${f} value`, field.value ?? '', MAX_EMBED_FIELD_VALUE_LENGTH, 1);
    });
  });
  if (total > MAX_EMBEDS_TOTAL_LENGTH)
    problems.push(`embeds total ${total} characters (max ${MAX_EMBEDS_TOTAL_LENGTH})`);
  const rows = Array.isArray(body.components) ? body.components : [];
  if (rows.length > 5) problems.push(`${rows.length} action rows (max 5)`);
  const ids = new Set<string>();
  rows.forEach((rawRow, r) => {
    const row = asRecord(rawRow);
    const components = Array.isArray(row.components) ? row.components : [];
    if (components.length > BUTTONS_PER_ROW)
      problems.push(`row ${r} has ${components.length} buttons (max ${BUTTONS_PER_ROW})`);
    components.forEach((rawButton, b) => {
      const button = asRecord(rawButton);
      over(`row ${r} button ${b} label`, button.label, BUTTON_LABEL_MAX_LENGTH);
      if (button.style === 5) {
        if (typeof button.url !== 'string' || button.url.length > MAX_LINK_URL_LENGTH)
          problems.push(`row ${r} button ${b} url`);
        if (button.custom_id !== undefined)
          problems.push(`row ${r} button ${b}: a link button has a custom_id`);
        return;
      }
      over(`row ${r} button ${b} custom_id`, button.custom_id ?? '', CUSTOM_ID_MAX_LENGTH, 1);
      const id = String(button.custom_id);
      if (ids.has(id)) problems.push(`custom_id ${id} is used twice`);
      ids.add(id);
    });
  });
  return problems;
}

/** Matches one complete citation marker: `[\[3\]](https://…)`. */
export const CITATION_MARKER = /\[\\\[\d+\\\]\]\(https?:\/\/[^\s()]+\)/g;

// --- internal ---

/**
 * Extra characters kept when text is clipped before escaping: escaping never shortens text and
 * looks at most two characters ahead, so a clip this far past the budget cuts the same way.
 */
const CLIP_MARGIN = 16;

/**
 * `text` shortened to a little over `max` before it is converted and escaped: everything past
 * that would be cut anyway, and the escaping regexes are quadratic on long input (a 6,000-
 * character paste took half a second).
 */
function clip(text: string, max: number): string {
  if (text.length <= max + CLIP_MARGIN) return text;
  // Never split a surrogate pair: a later step that shortens the text (collapsing spaces)
  // could leave the lone half in the reply.
  const end = max + CLIP_MARGIN;
  const high = text.charCodeAt(end - 1);
  return text.slice(0, high >= 0xd800 && high <= 0xdbff ? end - 1 : end);
}

type Line = { text: string; prefix: string; suffix: string };

/** One line per quoted sentence: date (timeline), escaped text in the reader's script, marker [i+1]. */
function answerLines(answer: Answer, locale: ReplyLocale): Line[] {
  return answer.answers.map((a, i) => ({
    prefix: a.date ? `**${formatRange(a.date.start, a.date.end)}** ` : '',
    text: escapeText(inLocaleScript(clip(a.text, DESCRIPTION_BUDGET), locale)),
    suffix: citationMarker(i + 1, a.citation.url),
  }));
}

/** The answer's own message (help text, a note), escaped with its line breaks kept, cut to its budget. */
function messageBlockOf(answer: Answer, locale: ReplyLocale): string {
  const text = explainAnswer(answer, locale);
  if (!text) return '';
  return truncate(escapeMarkdown(clip(text, MESSAGE_BUDGET), LINE_START_ESCAPES), MESSAGE_BUDGET);
}

const LINE_START_ESCAPES: EscapeMarkdownOptions = {
  heading: true,
  bulletedList: true,
  numberedList: true,
  maskedLink: true,
};

/** Line text of a quoted corpus sentence: markdown escaped, line-start syntax too. */
function escapeText(text: string): string {
  return escapeMarkdown(text.replace(/\s*\n\s*/g, ' '), LINE_START_ESCAPES);
}

/**
 * `[\[3\]](url)`: a numbered marker linking to the cited article. The brackets are escaped so
 * that Discord shows them, and parentheses in the URL are percent-encoded so that the link does
 * not end early. A URL that Discord would refuse gives an unlinked `\[3\]`.
 */
function citationMarker(n: number, url: string): string {
  if (!isLinkable(url)) return `\\[${n}\\]`;
  return `[\\[${n}\\]](${url.replaceAll('(', '%28').replaceAll(')', '%29')})`;
}

function isLinkable(url: string | undefined): url is string {
  return url !== undefined && /^https?:\/\/[^\s]+$/.test(url) && url.length <= MAX_LINK_URL_LENGTH;
}

/** A whole line, or, when even one line alone cannot fit, its text cut so that the marker stays whole. */
function fitLine(line: Line | undefined, max: number): string {
  if (!line) return '';
  const whole = `${line.prefix}${line.text}${line.suffix}`;
  if (whole.length <= max) return whole;
  return `${line.prefix}${truncate(line.text, Math.max(1, max - line.prefix.length - line.suffix.length))}${line.suffix}`;
}

/**
 * Splits lines into pages of at most {@link ANSWERS_PER_PAGE} lines and `budget` characters,
 * greedily and in order, so that page k is the same whenever it is recomputed.
 */
function paginate(lines: readonly Line[], budget: number): number[][] {
  const pages: number[][] = [];
  let current: number[] = [];
  let used = 0;
  lines.forEach((line, index) => {
    const cost = Math.min(budget, line.prefix.length + line.text.length + line.suffix.length);
    const separator = current.length > 0 ? 1 : 0;
    if (current.length >= ANSWERS_PER_PAGE || (current.length > 0 && used + separator + cost > budget)) {
      pages.push(current);
      current = [];
      used = 0;
    }
    used += (current.length > 0 ? 1 : 0) + cost;
    current.push(index);
  });
  if (current.length > 0) pages.push(current);
  return pages;
}

/** Numbers each citation once: answer i is [i+1]; a fact's citation reuses its sentence's number. */
class CitationNumbers {
  readonly #byKey = new Map<string, number>();
  readonly #citations = new Map<number, Citation>();
  readonly used = new Set<number>();
  #next: number;

  constructor(answer: Answer) {
    answer.answers.forEach((a, i) => {
      const key = citationKey(a.citation);
      if (!this.#byKey.has(key)) this.#byKey.set(key, i + 1);
      this.#citations.set(i + 1, a.citation);
    });
    this.#next = answer.answers.length + 1;
  }

  numberOf(citation: Citation): number {
    const key = citationKey(citation);
    let n = this.#byKey.get(key);
    if (n === undefined) {
      n = this.#next++;
      this.#byKey.set(key, n);
      this.#citations.set(n, citation);
    }
    return n;
  }

  use(n: number): void {
    this.used.add(n);
  }

  citation(n: number): Citation | undefined {
    return this.#citations.get(n);
  }
}

function citationKey(c: Citation): string {
  return `${c.url}#${c.paragraph}.${c.sentence}`;
}

/** Fields for the answer's facts, within {@link FIELDS_BUDGET} minus room for the sources field. */
function factFields(answer: Answer, locale: ReplyLocale, numbers: CitationNumbers): APIEmbedField[] {
  const facts = answer.facts;
  if (!facts) return [];
  const m = messagesFor(locale);
  const t = (text: string) => inLocaleScript(text, locale);
  const candidates: { name: string; lines: Line[]; inline: boolean; citations: number[] }[] = [];
  const cited = (citation: Citation | undefined) => {
    if (!citation) return { suffix: '', n: [] as number[] };
    const n = numbers.numberOf(citation);
    return { suffix: citationMarker(n, citation.url), n: [n] };
  };

  if (facts.period) {
    const c = cited(facts.period.citation);
    candidates.push({
      name: m.period,
      lines: [
        {
          prefix: '',
          text: escapeText(
            clip(formatRange(facts.period.start, facts.period.end), MAX_EMBED_FIELD_VALUE_LENGTH),
          ),
          suffix: c.suffix,
        },
      ],
      inline: true,
      citations: c.n,
    });
  }
  if (facts.side) {
    candidates.push({
      name: sideLabel(m),
      lines: [{ prefix: '', text: m.sides[facts.side], suffix: '' }],
      inline: true,
      citations: [],
    });
  }
  if (facts.commanders?.length) {
    const all = facts.commanders.map((commander) => {
      const c = cited(commander.citation);
      const reading = locale === 'en-US' ? romanize(commander.name, 'person') : undefined;
      const name = escapeText(t(clip(commander.name, MAX_EMBED_FIELD_VALUE_LENGTH)));
      const text =
        locale === 'en-US'
          ? `${name}${reading ? ` (${reading})` : ''} — ${m.sides[commander.side]}`
          : `${name}（${m.sides[commander.side]}）`;
      return { line: { prefix: '', text, suffix: c.suffix }, n: c.n };
    });
    candidates.push({
      name: m.commanders,
      lines: all.map((x) => x.line),
      inline: true,
      citations: all.flatMap((x) => x.n),
    });
  }
  if (facts.outcome?.length) {
    const all = facts.outcome.map((o) => {
      const c = cited(o.citation);
      return {
        line: {
          prefix: '',
          text: escapeText(t(clip(o.text, MAX_EMBED_FIELD_VALUE_LENGTH))),
          suffix: c.suffix,
        },
        n: c.n,
      };
    });
    candidates.push({
      name: m.outcome,
      lines: all.map((x) => x.line),
      inline: false,
      citations: all.flatMap((x) => x.n),
    });
  }
  if (facts.aliases?.length) {
    candidates.push({
      name: m.aliases,
      lines: [
        {
          prefix: '',
          text: escapeText(t(clip(facts.aliases.join('、'), MAX_EMBED_FIELD_VALUE_LENGTH))),
          suffix: '',
        },
      ],
      inline: true,
      citations: [],
    });
  }
  if (facts.alsoMeant?.length) {
    const lines = facts.alsoMeant.map((other) => {
      const title = escapeText(t(clip(other.title, MAX_EMBED_FIELD_VALUE_LENGTH)))
        .replaceAll('[', '［')
        .replaceAll(']', '］');
      const period = other.period
        ? `（${escapeText(clip(other.period, MAX_EMBED_FIELD_VALUE_LENGTH))}）`
        : '';
      return {
        prefix: '',
        text: isLinkable(other.url)
          ? `[${title}](${other.url.replaceAll('(', '%28').replaceAll(')', '%29')})${period}`
          : `${title}${period}`,
        suffix: '',
      };
    });
    candidates.push({ name: m.alsoMeant, lines, inline: false, citations: [] });
  }

  const fields: APIEmbedField[] = [];
  // Leave room for a short sources field; facts are dropped whole when they do not fit.
  let room = FIELDS_BUDGET - 400;
  for (const candidate of candidates) {
    if (fields.length >= MAX_EMBED_FIELDS - 1) break;
    const name = truncate(candidate.name, MAX_EMBED_FIELD_NAME_LENGTH);
    const max = Math.min(MAX_EMBED_FIELD_VALUE_LENGTH, room - name.length);
    if (max < 16) continue;
    const { value, kept } = joinLines(candidate.lines, max);
    if (!value) continue;
    fields.push({ name, value, inline: candidate.inline });
    room -= name.length + value.length;
    // Only markers that made it into the value are listed as sources.
    const keptNumbers = candidate.lines
      .slice(0, kept)
      .flatMap((line) => [...line.suffix.matchAll(/\\\[(\d+)\\\]/g)].map((x) => Number(x[1])));
    for (const n of keptNumbers) numbers.use(n);
  }
  return fields;
}

/** `[\[1\]](url) 平绥路战役 · 第3段 第2句` for every marker shown, in number order. */
function citationsField(
  locale: ReplyLocale,
  numbers: CitationNumbers,
  room: number,
): APIEmbedField | undefined {
  const name = DISCORD_MESSAGES[locale].citations;
  const max = Math.min(MAX_EMBED_FIELD_VALUE_LENGTH, room - name.length);
  if (max < 32 || numbers.used.size === 0) return undefined;
  const lines = [...numbers.used]
    .sort((a, b) => a - b)
    .flatMap((n): Line[] => {
      const citation = numbers.citation(n);
      if (!citation) return [];
      const label = escapeText(
        citationLabel({ text: '-', citation: { ...citation, title: clip(citation.title, 200) } }, locale),
      );
      return [{ prefix: `${citationMarker(n, citation.url)} `, text: truncate(label, 200), suffix: '' }];
    });
  const { value } = joinLines(lines, max);
  return value ? { name, value, inline: false } : undefined;
}

/** Whole lines joined by newlines within `max`; if not even the first fits, its text is cut. */
function joinLines(lines: readonly Line[], max: number): { value: string; kept: number } {
  const whole = lines.map((line) => `${line.prefix}${line.text}${line.suffix}`);
  const kept = countFitting(whole, max, '\n');
  if (kept > 0) {
    const value = whole.slice(0, kept).join('\n');
    // Mark dropped lines when the mark still fits.
    return {
      value: kept < lines.length && value.length + 2 <= max ? `${value}\n${TRUNCATION_MARK}` : value,
      kept,
    };
  }
  const first = lines[0];
  if (!first || first.prefix.length + first.suffix.length + 2 > max) return { value: '', kept: 0 };
  return { value: fitLine(first, max), kept: 1 };
}

function fieldsLength(fields: readonly APIEmbedField[]): number {
  return fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
}

/** The label of a person's side; older message tables may lack it. */
function sideLabel(m: Messages): string {
  return (m as { side?: string }).side ?? m.commanders;
}

/** Embed title per command; user text is escaped and kept as typed (no script conversion). */
function titleFor(answer: Answer, locale: ReplyLocale): string {
  const m = messagesFor(locale);
  const dm = DISCORD_MESSAGES[locale];
  const t = (text: string) => inLocaleScript(text, locale);
  const facts = answer.facts;
  switch (answer.command) {
    case 'battle':
    case 'who': {
      const name = facts?.name ?? answer.query;
      const full = facts?.name && facts.focus ? `${name} · ${facts.focus}` : name;
      const reading =
        locale === 'en-US' && facts?.name
          ? romanize(full, answer.command === 'who' ? 'person' : 'place')
          : undefined;
      return `${escapeMarkdown(t(clip(full, MAX_EMBED_TITLE_LENGTH)))}${reading ? ` (${reading})` : ''}`;
    }
    case 'timeline': {
      // A blank option (`battle:"   "`) asks for the whole corpus, as no option does.
      const subject = facts?.name ?? answer.query.trim();
      return subject
        ? `${dm.timeline} · ${escapeMarkdown(t(clip(subject, MAX_EMBED_TITLE_LENGTH)))}`
        : dm.timeline;
    }
    case 'sources':
      return m.sources;
    case 'help':
      return dm.help;
    default:
      return escapeMarkdown(clip(answer.query || answer.command, MAX_EMBED_TITLE_LENGTH));
  }
}

/** The not_found / invalid note: what went wrong, the closest names, ephemeral. */
function renderProblem(answer: Answer, locale: ReplyLocale): DiscordReply {
  const m = messagesFor(locale);
  const dm = DISCORD_MESSAGES[locale];
  const lead = answer.status === 'invalid' ? m.invalid : m.notFound;
  const explanation = explainAnswer(answer, locale);
  const why = explanation
    ? truncate(escapeMarkdown(clip(explanation, MESSAGE_BUDGET).replace(/\s+/g, ' ')), MESSAGE_BUDGET)
    : '';
  const first = `**${lead}**${why ? `：${why}` : ''}`;
  const lines = [first];
  const names = (answer.suggestions ?? []).map(
    // Titles from a user's corpus, echoed back: never a ping or a mention tag.
    (s) => `**${escapeMarkdown(mentionSafe(inLocaleScript(clip(s, MAX_MESSAGE_LENGTH), locale)))}**`,
  );
  if (names.length > 0) {
    const head = `${m.suggestions}：`;
    const room = MAX_MESSAGE_LENGTH - first.length - head.length - 200;
    const kept = countFitting(names, room, '、');
    if (kept > 0) lines.push(`${head}${names.slice(0, kept).join('、')}`);
  }
  if (answer.status === 'invalid') lines.push(dm.invalidHint);
  return {
    content: truncate(lines.join('\n'), MAX_MESSAGE_LENGTH),
    embeds: [],
    components: [],
    flags: EPHEMERAL_FLAG,
    allowed_mentions: { parse: [] },
  };
}

function formatRange(start: string, end: string | undefined): string {
  return end && end !== start ? `${start} – ${end}` : start;
}

/**
 * Pinyin with tone marks for a short Chinese name, so English readers can say it: person names
 * as surname + given name (贺龙 → Hè Lóng), places joined (包头 → Bāotóu). `undefined` for
 * text that is not a short all-Chinese name.
 */
function romanize(name: string, kind: 'person' | 'place'): string | undefined {
  const han = name.replace(/\s*·\s*/g, '');
  if (!/^\p{Script=Han}{2,6}$/u.test(han)) return undefined;
  // pinyin-pro is loaded on first use (~150 ms): zh readers and the CLI never need it.
  pinyin ??= (createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro')).pinyin;
  const syllables = pinyin(han, { toneType: 'symbol', type: 'array' });
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  if (kind === 'person' && han.length <= 4)
    return `${cap(syllables[0] ?? '')} ${cap(syllables.slice(1).join(''))}`;
  return cap(syllables.join(''));
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function escapeItalic(text: string): string {
  let idx = 0;
  const starred = !text.includes('*')
    ? text
    : text.replaceAll(
        /(?<=^|[^*])(?<!(?<!<)https?:\/\/\S*|<[^\s:]+:\/[^\s>]*)\*([^*]|\*\*|$)/g,
        (_, match: string) => {
          if (match === '**') return ++idx % 2 ? `\\*${match}` : `${match}\\*`;
          return `\\*${match}`;
        },
      );
  idx = 0;
  if (!starred.includes('_')) return starred;
  return starred.replaceAll(
    /(?<=^|[^_])(?<!<a?:.+|(?<!<)https?:\/\/\S*|<[^\s:]:\/[^\s>]*)_(?!:\d+>)([^_]|__|$)/g,
    (_, match: string) => {
      if (match === '__') return ++idx % 2 ? `\\_${match}` : `${match}\\_`;
      return `\\_${match}`;
    },
  );
}
