import { type ChatInputCommandInteraction, type CommandInteractionOption, MessageFlags } from 'discord.js';
import { findCommand } from '../../commands';
import { type Answer, invalidAnswer } from '../answer';
import { renderForDiscord, renderNotice, toReplyLocale } from '../render';
import type { BotDeps } from './handleInteraction';
import { sendReply, toMessageOptions } from './respond';
import { runCommand } from './runCommand';

/**
 * `/battle`, `/ask`, … : rate limit, defer first when the answer could be slow, run the shared
 * command module, render for the reader's locale, reply with mentions disabled.
 */
export async function handleCommand(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void> {
  const locale = toReplyLocale(interaction.locale);
  const raw = flattenOptions(interaction.options.data);
  const isPrivate = raw.private === true;
  const verdict = deps.limiter.take({
    user: interaction.user.id,
    ...(isPrivate ? {} : { channel: interaction.channelId }),
  });
  if (!verdict.ok) {
    deps.logger.info(
      {
        id: interaction.id,
        user: interaction.user.id,
        scope: verdict.scope,
        retryAfterMs: verdict.retryAfterMs,
      },
      'rate limited',
    );
    await interaction.reply(
      toMessageOptions(renderNotice('rateLimited', locale, { retryAfterMs: verdict.retryAfterMs })),
    );
    return;
  }

  const command = findCommand(interaction.commandName);
  const name = command?.definition.name ?? interaction.commandName;
  const waited = deps.now() - interaction.createdTimestamp;
  const deferred = deps.deferPolicy.shouldDefer(name, waited);
  if (deferred) await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});

  const started = performance.now();
  const answer: Answer = command
    ? runCommand(command, raw, deps.ctx)
    : invalidAnswer('', name, { code: 'unknown_command', subject: name });
  const ms = performance.now() - started;
  deps.deferPolicy.record(name, ms);

  const reply = renderForDiscord(answer, { locale, ephemeral: isPrivate });
  await sendReply(interaction, reply, isPrivate);
  deps.logger.info(
    {
      id: interaction.id,
      command: name,
      status: answer.status,
      sentences: answer.answers.length,
      locale,
      ephemeral: reply.flags !== undefined,
      deferred,
      runMs: Math.round(ms * 10) / 10,
      totalMs: deps.now() - interaction.createdTimestamp,
    },
    'answered',
  );
}

/** Options as a plain object, `{ name: '包头', private: true }` (this bot has no subcommands). */
export function flattenOptions(options: readonly CommandInteractionOption[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const option of options) {
    if (option.options) Object.assign(out, flattenOptions(option.options));
    else if (option.value !== undefined) out[option.name] = option.value;
  }
  return out;
}
