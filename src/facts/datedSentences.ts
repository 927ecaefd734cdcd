import type { Article } from '../corpus';
import { type DateContext, type ExtractedDate, extractDates } from './dates';

/** A sentence's dates, resolved with the year and month carried from the text before it. */
export type DatedSentence = {
  articleIndex: number;
  /** sentence id, `title#p2.s3` */
  sentenceId: string;
  dates: ExtractedDate[];
};

// 1945年10月 in `Category:1945年10月`, or a bare year category.
const CATEGORY_DATE = /^(\d{4})年(?:(\d{1,2})月)?$/;

/**
 * The year an article is about, when its text omits it: the earliest `Category:1945年10月`
 * style category, else the first year its lead states. Used to seed date context so that
 * `10月18日` in an article about 1945 reads as 1945-10-18.
 */
export function articleDateContext(article: Article): DateContext {
  let best: DateContext | undefined;
  for (const category of article.categories) {
    const m = CATEGORY_DATE.exec(category);
    if (!m) continue;
    const year = Number(m[1]);
    const month = m[2] ? Number(m[2]) : undefined;
    if (!best || year < (best.year ?? Infinity) || (year === best.year && (month ?? 13) < (best.month ?? 13)))
      best = { year, month };
  }
  if (best) return { year: best.year };
  const lead = article.paragraphs[0];
  for (const s of lead?.sentences ?? []) {
    const found = extractDates(s.text, {}).dates.find((d) => d.precision === 'year' || d.start.length >= 4);
    if (found) return { year: Number(found.start.slice(0, 4)) };
  }
  return {};
}

/**
 * Every sentence that states a date, in corpus order, each date normalized. The year and
 * month carry forward through an article (`到25日` after `10月18日` → 1945-10-25).
 *
 * @example
 * extractDatedSentences(articles)[2]?.dates[0] // { start: '1945-10-25', precision: 'day', text: '25日', … }
 */
export function extractDatedSentences(articles: readonly Article[]): DatedSentence[] {
  const out: DatedSentence[] = [];
  articles.forEach((article, articleIndex) => {
    let context = articleDateContext(article);
    for (const paragraph of article.paragraphs) {
      for (const sentence of paragraph.sentences) {
        const result = extractDates(sentence.text, context);
        context = result.context;
        if (result.dates.length > 0) out.push({ articleIndex, sentenceId: sentence.id, dates: result.dates });
      }
    }
  });
  return out;
}
