import { mentionSafe } from '../text/mentions';
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

type ReasonLike = { code: string; subject?: string };

// Reason templates per locale; `{s}` is the subject. Traditional text is written by hand.
const REASONS: Record<ReplyLocale, Record<string, string>> = {
  'zh-CN': {
    empty: '问题是空的。可以问战役、人物、地点或日期，例如：谁指挥了绥远战役？',
    too_long: '问题有 {s} 个字符，太长了；请控制在 1000 字以内。',
    no_words: '问题里只有标点或符号。试试：包头、傅作义。',
    unknown_command: '没有 “/{s}” 这个命令。可用命令：/battle、/ask、/who、/timeline、/sources、/help。',
    missing_option: '这个命令需要填写：{s}。',
    bad_option: '选项 {s} 的值无效。',
    no_terms: '问题里除了疑问词没有可以查找的词。',
    unknown_subject: '语料中没有关于“{s}”的内容。',
    weak_match: '语料中没有能回答这个问题的句子。',
    weak_match_subject: '语料中没有关于“{s}”的内容，其余部分也没有足够匹配的句子。',
    passing_mention: '语料只在列举中顺带提到“{s}”，没有可以引用的具体内容。',
    not_stated: '语料提到了“{s}”，但没有句子说明这个问题问的内容。',
    unknown_name: '语料中没有名为“{s}”的战役、人物或地点。',
    never_mentioned: '语料中没有提到“{s}”的句子。',
    no_dates: '语料中没有注明日期的句子。',
    internal: '回答时出错了，请稍后再试。',
    corpus_size: '共 {a} 篇条目，{b} 句。',
    help: [
      '/battle 名称 — 战役或地点：时间、指挥官、结果，附引文（例：/battle 包头）',
      '/ask 问题 — 自由提问，用语料原句回答（例：/ask 谁指挥了绥远战役？）',
      '/who 姓名 — 人物在战役中的作为及所属阵营（例：/who 傅作义）',
      '/timeline [战役] — 按时间排列的事件（例：/timeline 归绥）',
      '/sources — 回答所引用的条目',
      '每个回答都逐字引用语料并附出处链接。加上 private:true 可只让自己看到。',
    ].join('\n'),
  },
  'zh-TW': {
    empty: '問題是空的。可以問戰役、人物、地點或日期，例如：誰指揮了綏遠戰役？',
    too_long: '問題有 {s} 個字元，太長了；請控制在 1000 字以內。',
    no_words: '問題裡只有標點或符號。試試：包頭、傅作義。',
    unknown_command: '沒有「/{s}」這個指令。可用指令：/battle、/ask、/who、/timeline、/sources、/help。',
    missing_option: '這個指令需要填寫：{s}。',
    bad_option: '選項 {s} 的值無效。',
    no_terms: '問題裡除了疑問詞沒有可以查找的詞。',
    unknown_subject: '語料中沒有關於「{s}」的內容。',
    weak_match: '語料中沒有能回答這個問題的句子。',
    weak_match_subject: '語料中沒有關於「{s}」的內容，其餘部分也沒有足夠相符的句子。',
    passing_mention: '語料只在列舉中順帶提到「{s}」，沒有可以引用的具體內容。',
    not_stated: '語料提到了「{s}」，但沒有句子說明這個問題問的內容。',
    unknown_name: '語料中沒有名為「{s}」的戰役、人物或地點。',
    never_mentioned: '語料中沒有提到「{s}」的句子。',
    no_dates: '語料中沒有註明日期的句子。',
    internal: '回答時出錯了，請稍後再試。',
    corpus_size: '共 {a} 篇條目，{b} 句。',
    help: [
      '/battle 名稱 — 戰役或地點：時間、指揮官、結果，附引文（例：/battle 包頭）',
      '/ask 問題 — 自由提問，用語料原句回答（例：/ask 誰指揮了綏遠戰役？）',
      '/who 姓名 — 人物在戰役中的作為及所屬陣營（例：/who 傅作義）',
      '/timeline [戰役] — 按時間排列的事件（例：/timeline 歸綏）',
      '/sources — 回答所引用的條目',
      '每個回答都逐字引用語料並附出處連結。加上 private:true 可只讓自己看到。',
    ].join('\n'),
  },
  'en-US': {},
};

/**
 * The answer's explanation or note in the reader's language: translated from its reason code
 * (zh-CN, zh-TW), or the English `message` it carries (en-US, and any code without a template).
 *
 * @example
 * explainAnswer({ message: 'The corpus says nothing about “诺曼底”.', reason: { code: 'unknown_subject', subject: '诺曼底' } }, 'zh-CN')
 * // '语料中没有关于“诺曼底”的内容。'
 */
export function explainAnswer(
  answer: { message?: string; reason?: ReasonLike },
  locale: ReplyLocale,
): string {
  const reason = answer.reason;
  if (!reason) return answer.message ?? '';
  const key = reason.code === 'weak_match' && reason.subject ? 'weak_match_subject' : reason.code;
  const template = REASONS[locale][key];
  if (!template) return answer.message ?? '';
  // The subject is often the user's own words, echoed back: never as a ping.
  let subject = mentionSafe(reason.subject ?? '');
  // A missing option's example is given in English words (`question (e.g. 谁指挥了绥远战役？)`).
  if (locale !== 'en-US') subject = subject.replace(/ \(e\.g\. (.*)\)$/, '（例如：$1）');
  const [a = '', b = ''] = subject.split('/');
  return template.replace('{s}', subject).replace('{a}', a).replace('{b}', b);
}
