import { type Interaction, InteractionType } from 'discord.js';
import type { AnswerContext } from '../answer';
import type { Logger } from '../io/logger';
import { renderNotice, toReplyLocale } from '../render';
import type { DeferPolicy } from './deferPolicy';
import { handleAutocomplete } from './handleAutocomplete';
import { handleButton } from './handleButton';
import { handleCommand } from './handleCommand';
import type { RateLimiter } from './rateLimit';
import { isExpiredInteraction, toMessageOptions } from './respond';

/** What the handlers need besides the interaction; built once by `startBot`. */
export type BotDeps = {
  ctx: AnswerContext;
  logger: Logger;
  limiter: RateLimiter;
  deferPolicy: DeferPolicy;
  now: () => number;
};

/**
 * Routes an interaction by type and is the one place that catches: whatever a handler throws
 * (a Discord error such as 10062 or a 5xx, a bug) is logged with the interaction id and, when
 * the interaction can still be answered, answered with a short ephemeral apology. Never throws.
 */
export async function handleInteraction(interaction: Interaction, deps: BotDeps): Promise<void> {
  try {
    switch (interaction.type) {
      case InteractionType.ApplicationCommand:
        if (interaction.isChatInputCommand()) await handleCommand(interaction, deps);
        break;
      case InteractionType.ApplicationCommandAutocomplete:
        await handleAutocomplete(interaction, deps);
        break;
      case InteractionType.MessageComponent:
        if (interaction.isButton()) await handleButton(interaction, deps);
        break;
      default:
        deps.logger.debug({ id: interaction.id, type: interaction.type }, 'ignored interaction');
    }
  } catch (error) {
    await reportFailure(interaction, error, deps);
  }
}

// --- internal ---

async function reportFailure(interaction: Interaction, error: unknown, deps: BotDeps): Promise<void> {
  const expired = isExpiredInteraction(error);
  const fields = { err: error, id: interaction.id, type: interaction.type, ...commandOf(interaction) };
  if (expired) deps.logger.warn(fields, 'interaction expired before it was answered');
  else deps.logger.error(fields, 'interaction failed');
  if (expired) return;
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const notice = toMessageOptions(renderNotice('error', toReplyLocale(interaction.locale)));
    // A command deferred and never answered still shows "thinking…" to the channel: take the
    // placeholder away, as sendReply does for a private answer (not a button's deferred update,
    // whose "reply" is the message it sits on).
    if (interaction.isChatInputCommand() && interaction.deferred && !interaction.replied)
      await interaction.deleteReply().catch(() => {});
    if (interaction.deferred || interaction.replied) await interaction.followUp(notice);
    else await interaction.reply(notice);
  } catch (secondError) {
    deps.logger.warn({ err: secondError, id: interaction.id }, 'could not tell the user about the failure');
  }
}

function commandOf(interaction: Interaction): { command?: string; customId?: string } {
  if (interaction.isCommand() || interaction.isAutocomplete()) return { command: interaction.commandName };
  if (interaction.isMessageComponent()) return { customId: interaction.customId.slice(0, 40) };
  return {};
}
