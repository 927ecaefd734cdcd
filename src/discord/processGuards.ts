import type { Logger } from '../io/logger';

/**
 * Last-resort handlers for the bot processes: log and keep serving. A malformed gateway event
 * becomes an unhandled rejection inside discord.js; one bad event must not take the bot down.
 */
export function installProcessGuards(logger: Logger): void {
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception'));
}
