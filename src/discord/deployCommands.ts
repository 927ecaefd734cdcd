/**
 * `npm run deploy-commands`: registers the slash commands, on DISCORD_GUILD_ID's server when it
 * is set (instant, for development), else globally (for release). Honours DISCORD_API_URL.
 */
import { REST } from 'discord.js';
import { loadConfig } from '../io/config';
import { createLogger, scrubSecrets } from '../io/logger';
import { deployCommands } from './deploy';

const loaded = loadConfig();
if (!loaded.ok) {
  for (const problem of loaded.problems) process.stderr.write(`config: ${problem}\n`);
  process.exit(1);
}
const { config } = loaded;
const logger = createLogger({ level: config.logLevel, secrets: [config.token] });
const rest = new REST({ api: config.apiUrl }).setToken(config.token);
try {
  const result = await deployCommands(rest, { clientId: config.clientId, guildId: config.guildId });
  logger.info({ scope: result.scope, route: result.route, count: result.count }, 'commands deployed');
  process.exit(0);
} catch (error) {
  logger.error({ err: error }, 'deploy failed');
  process.stderr.write(
    `deploy-commands: ${scrubSecrets((error as Error)?.message ?? String(error), [config.token])}\n`,
  );
  process.exit(1);
}
