import type { ReplyLocale } from './locale';

/** Every user-facing label, per locale. Chinese labels are written in simplified script;
 * zh-TW gets the traditional ones below (not machine-converted, so they read naturally). */
export const MESSAGES = {
  'zh-CN': {
    sources: '来源',
    paragraph: '段',
    sentence: '句',
    notFound: '没有找到答案',
    invalid: '无法处理这个问题',
    suggestions: '可以试试',
    period: '时间',
    commanders: '指挥官',
    side: '阵营',
    outcome: '结果',
    aliases: '又称',
    alsoMeant: '同名条目',
    sides: { ccp: '中共', nationalist: '国民政府', japanese: '日军', other: '其他' },
    more: '更多',
    previous: '上一页',
    openArticle: '打开条目',
    sentences: '句',
    articles: '篇条目',
  },
  'zh-TW': {
    sources: '來源',
    paragraph: '段',
    sentence: '句',
    notFound: '沒有找到答案',
    invalid: '無法處理這個問題',
    suggestions: '可以試試',
    period: '時間',
    commanders: '指揮官',
    side: '陣營',
    outcome: '結果',
    aliases: '又稱',
    alsoMeant: '同名條目',
    sides: { ccp: '中共', nationalist: '國民政府', japanese: '日軍', other: '其他' },
    more: '更多',
    previous: '上一頁',
    openArticle: '開啟條目',
    sentences: '句',
    articles: '篇條目',
  },
  'en-US': {
    sources: 'Sources',
    paragraph: 'para.',
    sentence: 'sent.',
    notFound: 'No answer found',
    invalid: 'Cannot handle this question',
    suggestions: 'Try',
    period: 'Period',
    commanders: 'Commanders',
    side: 'Side',
    outcome: 'Outcome',
    aliases: 'Also called',
    alsoMeant: 'Same name',
    sides: { ccp: 'CCP', nationalist: 'Nationalist', japanese: 'Japanese', other: 'Other' },
    more: 'More',
    previous: 'Previous',
    openArticle: 'Open article',
    sentences: 'sentences',
    articles: 'articles',
  },
} as const satisfies Record<ReplyLocale, unknown>;

export type Messages = (typeof MESSAGES)[ReplyLocale];

/** Labels for a locale. */
export function messagesFor(locale: ReplyLocale): Messages {
  return MESSAGES[locale];
}
