import * as OpenCC from 'opencc-js/cn2t';

/** Reply languages: Discord's locale codes for the three the bot speaks. */
export type ReplyLocale = 'zh-CN' | 'zh-TW' | 'en-US';
export const REPLY_LOCALES: readonly ReplyLocale[] = ['zh-CN', 'zh-TW', 'en-US'];

/** Maps any Discord locale to one the bot speaks: zh-TW/zh-HK → zh-TW, other zh → zh-CN, else en-US. */
export function toReplyLocale(locale: string | undefined): ReplyLocale {
  if (!locale) return 'zh-CN';
  if (/^zh-(tw|hk|mo|hant)/i.test(locale)) return 'zh-TW';
  if (/^zh/i.test(locale)) return 'zh-CN';
  return 'en-US';
}

let toTraditional: ((text: string) => string) | undefined;

/**
 * Text in the script of the reader's locale: zh-TW readers get traditional characters with
 * Taiwan phrasing (OpenCC cn → twp); others get the text unchanged. Quoted sentences stay
 * verbatim in wording, only the script changes. The converter is built on first use
 * (30–40 ms) so that simplified-only runs never pay for it.
 *
 * @example
 * inLocaleScript('贺龙部转攻包头', 'zh-TW') // '賀龍部轉攻包頭'
 */
export function inLocaleScript(text: string, locale: ReplyLocale): string {
  if (locale !== 'zh-TW') return text;
  toTraditional ??= OpenCC.Converter({ from: 'cn', to: 'tw' });
  return toTraditional(text);
}
