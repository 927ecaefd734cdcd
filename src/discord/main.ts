/**
 * `npm start`: configuration → corpus → client → login, until SIGINT / SIGTERM. Also the
 * script each shard process runs under `npm run start:sharded` (discord.js passes the shard
 * ids through the environment).
 */
import { warmAnswerContextInSlices } from '../answer';
import { loadConfig } from '../io/config';
import { loadAnswerContext } from '../io/indexStore';
import { CorpusError } from '../io/loadCorpus';
import { createLogger, scrubSecrets } from '../io/logger';
import { watchCorpus } from '../io/watchCorpus';
import { type Bot, startBot } from './client';
import { installProcessGuards } from './processGuards';

/** How long shutdown waits for the client to close before exiting anyway. */
const SHUTDOWN_TIMEOUT_MS = 5_000;

async function main(): Promise<void> {
  const startedAt = performance.now();
  const loaded = loadConfig();
  if (!loaded.ok) {
    for (const problem of loaded.problems) process.stderr.write(`config: ${problem}\n`);
    process.exit(1);
  }
  const { config } = loaded;
  const shard = process.env.SHARDS;
  const logger = createLogger({
    level: config.logLevel,
    secrets: [config.token],
    base: shard ? { shard: Number(shard) } : {},
  });
  installProcessGuards(logger);

  let bot: Bot | undefined;
  let stopWatching: (() => void) | undefined;
  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    setTimeout(() => {
      logger.warn('client did not close in time; exiting anyway');
      process.exit(0);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    stopWatching?.();
    try {
      await bot?.stop();
    } catch (error) {
      logger.warn({ err: error }, 'error while closing the client');
    }
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // Under the sharding manager: if the manager goes away, so does this shard.
  if (process.send) process.once('disconnect', () => void shutdown('manager disconnected'));

  let loadedCorpus: ReturnType<typeof loadAnswerContext>;
  try {
    // The prebuilt index (`npm run build-index`) is used when it matches the corpus bytes.
    loadedCorpus = loadAnswerContext(config.corpusDir, { warn: (line) => logger.warn(line) });
  } catch (error) {
    if (error instanceof CorpusError) {
      logger.fatal({ code: error.code }, error.message);
      process.exit(1);
    }
    throw error;
  }
  const { ctx, source } = loadedCorpus;
  logger.info(
    { corpus: config.corpusDir, from: source.from, sentences: source.sentences, ms: Math.round(source.ms) },
    'corpus loaded',
  );

  try {
    bot = await startBot({ config, ctx, logger });
  } catch (error) {
    logger.fatal({ err: error }, 'could not log in to Discord');
    process.exit(1);
  }
  logger.info({ startupMs: Math.round(performance.now() - startedAt) }, 'started');

  // A teacher who adds an article to the corpus folder sees it answered without a restart: the
  // old index keeps serving while a worker builds the new one; a broken file is skipped and a
  // corpus that no longer loads leaves the old index in place.
  const running = bot;
  let reloads = 0;
  stopWatching = watchCorpus(config.corpusDir, {
    onReload: (next, source, warnings) => {
      for (const line of warnings) logger.warn(line);
      // Warmed in slices between interactions, which the old index answers meanwhile; a newer
      // reload that finishes first wins.
      const generation = ++reloads;
      const swapIn = (warmUpMs?: number) => {
        if (generation !== reloads) return;
        running.setContext(next);
        logger.info(
          {
            sentences: source.sentences,
            key: source.key,
            ms: Math.round(source.ms),
            ...(warmUpMs === undefined ? {} : { warmUpMs: Math.round(warmUpMs) }),
          },
          'corpus reloaded',
        );
      };
      // The new index loaded; a failed warm-up only means its first answers are slower.
      warmAnswerContextInSlices(next).then(swapIn, (error: unknown) => {
        logger.warn({ err: error }, 'warming the reloaded corpus failed; serving it cold');
        swapIn();
      });
    },
    onError: (message, warnings) => {
      for (const line of warnings) logger.warn(line);
      logger.error({ detail: message }, 'corpus reload failed; still answering from the previous corpus');
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bot: unexpected error: ${scrubSecrets((error as Error)?.message ?? String(error), [])}\n`,
  );
  process.exit(1);
});
