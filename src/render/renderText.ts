import type { Answer, CitedSentence } from '../answer';
import { mentionSafe } from '../text/mentions';
import { inLocaleScript, type ReplyLocale } from './locale';
import { explainAnswer, messagesFor } from './messages';

/**
 * Renders an answer as plain text, the way the CLI prints what the bot would reply: each
 * quoted sentence followed by a numbered citation marker, then the numbered sources.
 *
 * @example
 * renderText(answer, 'zh-CN')
 * // '11月9日，贺龙部转攻包头。[1]\n\n来源\n[1] 平绥路战役 · 第3段 第2句 · https://zh.wikipedia.org/wiki/…'
 */
export function renderText(answer: Answer, locale: ReplyLocale = 'zh-CN'): string {
  const m = messagesFor(locale);
  const t = (s: string) => inLocaleScript(s, locale);
  const lines: string[] = [];
  if (answer.status !== 'ok') {
    lines.push(
      `${answer.status === 'invalid' ? m.invalid : m.notFound}: ${explainAnswer(answer, locale)}`.trim(),
    );
    // Titles from a user's corpus, echoed back as names: never a ping or a mention tag.
    if (answer.suggestions?.length)
      lines.push(`${m.suggestions}: ${answer.suggestions.map((s) => mentionSafe(t(s))).join('、')}`);
    return lines.join('\n');
  }
  const note = explainAnswer(answer, locale);
  if (note && answer.answers.length === 0) return note;
  if (note) lines.push(note);
  const facts = answer.facts;
  if (facts?.name) {
    const title = facts.focus ? `${facts.name} · ${facts.focus}` : facts.name;
    lines.push(
      `【${t(title)}】${facts.aliases?.length ? ` ${m.aliases} ${facts.aliases.map(t).join('、')}` : ''}`,
    );
  }
  if (facts?.side) lines.push(`${m.side}: ${m.sides[facts.side]}`);
  if (facts?.period)
    lines.push(`${m.period}: ${facts.period.start}${facts.period.end ? ` – ${facts.period.end}` : ''}`);
  if (facts?.commanders?.length) {
    lines.push(
      `${m.commanders}: ${facts.commanders.map((c) => `${t(c.name)}（${m.sides[c.side]}）`).join('、')}`,
    );
  }
  if (facts?.outcome?.length) lines.push(`${m.outcome}: ${t(facts.outcome[0]?.text ?? '')}`);
  if (facts?.alsoMeant?.length) {
    lines.push(
      `${m.alsoMeant}: ${facts.alsoMeant.map((a) => `${t(a.title)}${a.period ? `（${a.period}）` : ''}`).join('、')}`,
    );
  }
  if (lines.length > 0) lines.push('');

  const sources = numberSources(answer.answers);
  for (const a of answer.answers) {
    const date = a.date ? `${a.date.start}${a.date.end ? `–${a.date.end}` : ''} ` : '';
    lines.push(
      `${date}${t(a.text)}[${sources.get(`${a.citation.url}#${a.citation.paragraph}.${a.citation.sentence}`)}]`,
    );
  }
  lines.push('', m.sources);
  for (const [key, n] of sources) {
    const a = answer.answers.find(
      (x) => `${x.citation.url}#${x.citation.paragraph}.${x.citation.sentence}` === key,
    );
    if (!a) continue;
    lines.push(`[${n}] ${citationLabel(a, locale)} · ${a.citation.url}`);
  }
  return lines.join('\n');
}

/** `平绥路战役 · 第3段 第2句` (zh) or `平绥路战役 · para. 3, sent. 2` (en). */
export function citationLabel(a: CitedSentence, locale: ReplyLocale): string {
  const title = inLocaleScript(a.citation.title, locale);
  if (locale === 'en-US') return `${title} · para. ${a.citation.paragraph}, sent. ${a.citation.sentence}`;
  return `${title} · 第${a.citation.paragraph}段 第${a.citation.sentence}句`;
}

function numberSources(answers: readonly CitedSentence[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const a of answers) {
    const key = `${a.citation.url}#${a.citation.paragraph}.${a.citation.sentence}`;
    if (!numbers.has(key)) numbers.set(key, numbers.size + 1);
  }
  return numbers;
}
