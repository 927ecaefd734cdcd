/**
 * Discord mention syntax in text the bot echoes back (a name the user typed, quoted in a
 * not-found message). Replies already go out with `allowedMentions: { parse: [] }`, so nothing
 * pings; this also keeps the echo from *looking* like a ping and from pinging wherever the text is
 * pasted or posted by another client. Written by hand: discord.js's `cleanContent` needs a live
 * channel to resolve names, and only these few patterns matter.
 */
const MASS_MENTION = /@(everyone|here)/gi;
// <@123>, <@!123> (user), <@&123> (role), <#123> (channel), </cmd:123> (command).
const ID_MENTION = /<(@[!&]?|#|\/[^\s<>:]+:)(\d+)>/g;
const ZERO_WIDTH_SPACE = '\u200B';

/**
 * `text` with every mention broken by a zero-width space after `@` / `<`, so it shows as typed
 * and never resolves to a ping.
 *
 * @example
 * mentionSafe('@everyone <@123>') // '@\u200Beveryone <\u200B@123>'
 */
export function mentionSafe(text: string): string {
  return text
    .replace(MASS_MENTION, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(ID_MENTION, `<${ZERO_WIDTH_SPACE}$1$2>`);
}
