/**
 * Loads the public Chinese QA sets (CMRC 2018 dev, DRCD dev; SQuAD format, see
 * /work/shared/qa-eval/README.txt) as a corpus: one plain-text article per paragraph, and the
 * questions with their gold paragraph and the gold answer's span in that paragraph's text.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Article, parsePlainTextArticle } from '../src/corpus';

export type QaSetName = 'cmrc' | 'drcd';
/** The CMRC 2018 trial set: held out from every tuning, for checking that a change generalizes. */
export type ExtraQaSetName = 'cmrc-trial';

/** One question; `start`/`end` are offsets of the gold answer in the article's paragraph text. */
export type QaQuestion = {
  id: string;
  question: string;
  answer: string;
  title: string;
  /** 1-based paragraph of the article holding the answer (always 1 in the paragraph layout) */
  paragraph: number;
  start: number;
  end: number;
};

/**
 * How the set becomes a corpus: one article per paragraph (`paragraphs`, the default), or one
 * article per title with its paragraphs in order (`articles`, as a user would save the set's
 * entries as .txt files: DRCD 383 articles, CMRC 846).
 */
export type QaLayout = 'paragraphs' | 'articles';

export type QaSet = {
  name: QaSetName | ExtraQaSetName;
  articles: Article[];
  /** the `.txt` text each article was parsed from, same order as `articles` */
  texts: string[];
  questions: QaQuestion[];
  /** questions dropped because no answer resolved to a span of the context */
  dropped: number;
};

type Squad = {
  data: {
    title: string;
    paragraphs: {
      id?: string;
      context: string;
      qas: { id: string; question: string; answers: { id?: string; text: string; answer_start: number }[] }[];
    }[];
  }[];
};

export const QA_DIR = process.env.QA_EVAL_DIR ?? '/work/shared/qa-eval';
const FILES: Record<QaSetName | ExtraQaSetName, string> = {
  cmrc: 'cmrc2018_dev.json',
  drcd: 'DRCD_dev.json',
  'cmrc-trial': 'cmrc2018_trial.json',
};

/**
 * Loads a QA set. `limit` keeps the first N questions (and only the paragraphs up to the last
 * one they need); the default is all of them. Titles repeat across entries, so each article's
 * title is `${title}·${paragraphId}`.
 *
 * @example
 * const set = loadQaSet('cmrc');
 * set.questions.length // 3219 (minus unresolvable answers)
 */
export function loadQaSet(
  name: QaSetName | ExtraQaSetName,
  limit = Number.POSITIVE_INFINITY,
  layout: QaLayout = 'paragraphs',
): QaSet {
  const raw = JSON.parse(readFileSync(join(QA_DIR, FILES[name]), 'utf8')) as Squad;
  if (layout === 'articles') return loadByArticle(name, raw, limit);
  const articles: Article[] = [];
  const texts: string[] = [];
  const questions: QaQuestion[] = [];
  let dropped = 0;
  let n = 0;
  outer: for (const entry of raw.data) {
    for (const [pi, paragraph] of entry.paragraphs.entries()) {
      if (questions.length >= limit) break outer;
      const pid = paragraph.id ?? `${entry.title}-${pi}`;
      const title = `${entry.title.trim()}·${pid}`;
      // A single newline would make the parser join lines (dropping it) and a blank line would
      // start a new paragraph: keep the context one paragraph, offsets mapped below.
      const text = `${title}\n\n${paragraph.context.replace(/\n\s*\n/g, '\n')}\n`;
      const parsed = parsePlainTextArticle(text, `${String(n++).padStart(5, '0')}_${pid}.txt`);
      const article = parsed.article;
      const para = article?.paragraphs[0];
      if (!article || !para || article.paragraphs.length !== 1) {
        dropped += paragraph.qas.length;
        continue;
      }
      const offsetOf = alignOffsets(paragraph.context, para.text);
      if (!offsetOf) {
        dropped += paragraph.qas.length;
        continue;
      }
      articles.push(article);
      texts.push(text);
      for (const qa of paragraph.qas) {
        if (questions.length >= limit) break;
        const question = qaQuestion(qa, paragraph.context, article.title, 1, offsetOf);
        if (question) questions.push(question);
        else dropped++;
      }
    }
  }
  return { name, articles, texts, questions, dropped };
}

/**
 * Writes the set's paragraphs as `.txt` files (sorted names keep the set's order) so that
 * `npm run ask -- --corpus DIR --jsonl` answers from the same corpus. Returns the file count.
 */
export function writeQaCorpus(set: Pick<QaSet, 'articles' | 'texts'>, dir: string): number {
  mkdirSync(dir, { recursive: true });
  set.texts.forEach((text, i) => {
    const source = set.articles[i]?.source ?? `${String(i).padStart(5, '0')}.txt`;
    writeFileSync(join(dir, source.replace(/[\\/:*?"<>|]/g, '_')), text);
  });
  return set.texts.length;
}

// --- internal ---

type SquadQa = Squad['data'][number]['paragraphs'][number]['qas'][number];

/** A question with its gold span mapped into the parsed paragraph; undefined when no answer resolves. */
function qaQuestion(
  qa: SquadQa,
  context: string,
  title: string,
  paragraph: number,
  offsetOf: (i: number) => number,
): QaQuestion | undefined {
  const gold = goldSpan(context, qa.answers);
  if (!gold) return undefined;
  return {
    id: qa.id,
    question: qa.question,
    answer: gold.text,
    title,
    paragraph,
    start: offsetOf(gold.start),
    end: offsetOf(gold.end - 1) + 1,
  };
}

/** The `articles` layout: each title's paragraphs, in order, as one article. */
function loadByArticle(name: QaSet['name'], raw: Squad, limit: number): QaSet {
  const byTitle = new Map<string, Squad['data'][number]['paragraphs']>();
  for (const entry of raw.data) {
    const title = entry.title.trim();
    byTitle.set(title, [...(byTitle.get(title) ?? []), ...entry.paragraphs]);
  }
  const articles: Article[] = [];
  const texts: string[] = [];
  const questions: QaQuestion[] = [];
  let dropped = 0;
  let n = 0;
  for (const [title, paragraphs] of byTitle) {
    if (questions.length >= limit) break;
    // Blank lines separate paragraphs; one inside a context would start another, so it goes.
    const text = `${title}\n\n${paragraphs.map((p) => p.context.replace(/\n\s*\n/g, '\n')).join('\n\n')}\n`;
    const article = parsePlainTextArticle(text, `${String(n++).padStart(5, '0')}.txt`).article;
    const count = paragraphs.reduce((sum, p) => sum + p.qas.length, 0);
    if (!article || article.paragraphs.length !== paragraphs.length) {
      dropped += count;
      continue;
    }
    articles.push(article);
    texts.push(text);
    paragraphs.forEach((paragraph, pi) => {
      const offsetOf = alignOffsets(paragraph.context, article.paragraphs[pi]?.text ?? '');
      for (const qa of paragraph.qas) {
        if (questions.length >= limit) return;
        const question = offsetOf && qaQuestion(qa, paragraph.context, article.title, pi + 1, offsetOf);
        if (question) questions.push(question);
        else dropped++;
      }
    });
  }
  return { name, articles, texts, questions, dropped };
}

/** The annotated answer (DRCD id "1", else the first) whose span resolves; CMRC start may be off. */
function goldSpan(
  context: string,
  answers: Squad['data'][number]['paragraphs'][number]['qas'][number]['answers'],
) {
  const ordered = [...answers.filter((a) => a.id === '1'), ...answers.filter((a) => a.id !== '1')];
  for (const a of ordered) {
    const text = a.text;
    if (!text) continue;
    if (a.answer_start >= 0 && context.slice(a.answer_start, a.answer_start + text.length) === text) {
      return { text, start: a.answer_start, end: a.answer_start + text.length };
    }
    const at = context.indexOf(text);
    if (at >= 0) return { text, start: at, end: at + text.length };
  }
  return undefined;
}

/**
 * Maps context offsets to offsets in the parsed paragraph text, which may have lost whitespace
 * (line joins, trimming). Undefined when the paragraph is not the context minus whitespace.
 */
function alignOffsets(context: string, paragraph: string): ((i: number) => number) | undefined {
  if (context === paragraph) return (i) => i;
  const map = new Array<number>(context.length);
  let j = 0;
  for (let i = 0; i < context.length; i++) {
    map[i] = Math.min(j, Math.max(0, paragraph.length - 1));
    if (context[i] === paragraph[j]) j++;
    else if (!/\s/.test(context[i] ?? '')) return undefined;
  }
  if (j !== paragraph.length) return undefined;
  return (i) => map[Math.min(Math.max(i, 0), context.length - 1)] ?? 0;
}
