import type { ButtonInteraction } from 'discord.js';
import { findCommand } from '../../commands';
import { decodePageId, recoverQuery, renderForDiscord, renderNotice, toReplyLocale } from '../render';
import type { BotDeps } from './handleInteraction';
import { toEditOptions, toMessageOptions } from './respond';
import { runCommand } from './runCommand';

/**
 * "more" / "previous": the custom_id says which command, page and locale, and the query
 * itself or its hash (then the query is read back from the message's embed title). The page is
 * recomputed from the corpus, so buttons keep working after a restart; the message is updated
 * in place.
 */
export async function handleButton(interaction: ButtonInteraction, deps: BotDeps): Promise<void> {
  const readerLocale = toReplyLocale(interaction.locale);
  const target = decodePageId(interaction.customId);
  const verdict = deps.limiter.take({ user: interaction.user.id });
  if (!verdict.ok) {
    deps.logger.info({ id: interaction.id, user: interaction.user.id, scope: verdict.scope }, 'rate limited');
    await interaction.reply(
      toMessageOptions(renderNotice('rateLimited', readerLocale, { retryAfterMs: verdict.retryAfterMs })),
    );
    return;
  }
  const query = !target
    ? undefined
    : 'query' in target
      ? target.query
      : recoverQuery(interaction.message.embeds[0], target.queryHash);
  const command = target ? findCommand(target.command) : undefined;
  if (!target || query === undefined || !command) {
    deps.logger.info({ id: interaction.id, customId: interaction.customId.slice(0, 40) }, 'stale button');
    await interaction.reply(toMessageOptions(renderNotice('stale', readerLocale)));
    return;
  }

  const name = command.definition.name;
  const deferred = deps.deferPolicy.isSlow(name, deps.now() - interaction.createdTimestamp);
  if (deferred) await interaction.deferUpdate();
  const started = performance.now();
  const answer = runCommand(
    command,
    query && command.mainOption ? { [command.mainOption]: query } : {},
    deps.ctx,
  );
  deps.deferPolicy.record(name, performance.now() - started);

  if (answer.status !== 'ok') {
    // The corpus changed since the message was sent: say so privately, leave the message alone.
    const note = toMessageOptions(renderForDiscord(answer, { locale: readerLocale, ephemeral: true }));
    if (deferred) await interaction.followUp(note);
    else await interaction.reply(note);
    return;
  }
  const reply = renderForDiscord(answer, { locale: target.locale, page: target.page });
  if (deferred) await interaction.editReply(toEditOptions(reply));
  else await interaction.update(toEditOptions(reply));
  deps.logger.info({ id: interaction.id, command: name, page: target.page, deferred }, 'paged');
}
