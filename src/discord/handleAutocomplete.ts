import type { AutocompleteInteraction } from 'discord.js';
import { findCommand } from '../../commands';
import { AUTOCOMPLETE_MAX_VALUE_LENGTH, INITIAL_RESPONSE_DEADLINE_MS } from '../constants';
import { renderChoices, toReplyLocale } from '../render';
import type { BotDeps } from './handleInteraction';

/**
 * Suggestions while the user types `name` / `battle`: the command module's `autocomplete`,
 * names in the reader's script. It cannot be deferred, so it only computes and answers; an
 * answer that would arrive after the 3 s window is not sent (Discord would refuse it).
 */
export async function handleAutocomplete(interaction: AutocompleteInteraction, deps: BotDeps): Promise<void> {
  const command = findCommand(interaction.commandName);
  const focused = interaction.options.getFocused(true);
  // Longer text cannot prefix a choice of at most 100 characters.
  const text = String(focused.value ?? '').slice(0, AUTOCOMPLETE_MAX_VALUE_LENGTH);
  const choices = command?.autocomplete ? command.autocomplete(text, deps.ctx) : [];
  const data = renderChoices(choices, toReplyLocale(interaction.locale));
  const age = deps.now() - interaction.createdTimestamp;
  if (age > INITIAL_RESPONSE_DEADLINE_MS) {
    deps.logger.warn(
      { id: interaction.id, command: interaction.commandName, ageMs: age },
      'autocomplete too late; not sent',
    );
    return;
  }
  await interaction.respond(data);
  deps.logger.debug(
    { id: interaction.id, command: interaction.commandName, choices: data.length },
    'autocomplete',
  );
}
