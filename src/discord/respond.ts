import {
  type BaseMessageOptions,
  DiscordAPIError,
  type InteractionReplyOptions,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import { type DiscordReply, EPHEMERAL_FLAG } from '../render';

/** Discord's code for an interaction that expired (3 s) or was already answered elsewhere. */
export const UNKNOWN_INTERACTION = 10_062;
/** Discord's code for a second initial response to one interaction. */
export const ALREADY_ACKNOWLEDGED = 40_060;

/** Render data → discord.js message options; mentions are always disabled. */
export function toMessageOptions(
  reply: DiscordReply,
): BaseMessageOptions & Pick<InteractionReplyOptions, 'flags'> {
  return {
    ...(reply.content !== undefined ? { content: reply.content } : {}),
    embeds: reply.embeds,
    components: reply.components,
    allowedMentions: { parse: [] },
    ...(reply.flags === EPHEMERAL_FLAG ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** Edits can neither set nor change the ephemeral flag (the first response fixed it). */
export function toEditOptions(reply: DiscordReply): BaseMessageOptions {
  const { flags: _flags, ...options } = toMessageOptions(reply);
  return options;
}

/**
 * Sends a reply as the first response, or, after a `deferReply`, as its edit. A private reply
 * after a public defer (a not_found on a slow path) cannot become ephemeral, so the public
 * placeholder is deleted and the reply is sent as an ephemeral follow-up.
 */
export async function sendReply(
  interaction: RepliableInteraction,
  reply: DiscordReply,
  deferredEphemeral: boolean,
): Promise<void> {
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(toMessageOptions(reply));
    return;
  }
  if (reply.flags === EPHEMERAL_FLAG && !deferredEphemeral) {
    await interaction.deleteReply().catch(() => {});
    await interaction.followUp(toMessageOptions(reply));
    return;
  }
  await interaction.editReply(toEditOptions(reply));
}

/** True for the errors that mean "this interaction cannot be answered any more". */
export function isExpiredInteraction(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === UNKNOWN_INTERACTION || error.code === ALREADY_ACKNOWLEDGED)
  );
}
