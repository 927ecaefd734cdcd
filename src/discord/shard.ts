/**
 * `npm run start:sharded`: the same bot under discord.js's ShardingManager, one process per
 * shard, for when it serves thousands of servers (Discord requires shards from 2,500).
 * `totalShards: 'auto'`, with the recommended count fetched from DISCORD_API_URL's
 * `GET /gateway/bot` (discord.js's own 'auto' always asks discord.com).
 */
import { fileURLToPath } from 'node:url';
import { type Shard, ShardingManager } from 'discord.js';
import { loadConfig } from '../io/config';
import { createLogger } from '../io/logger';
import { fetchRecommendedShards } from './client';
import { installProcessGuards } from './processGuards';

/** discord.js's default pause between two shards of the same identify bucket. */
const SHARD_SPAWN_DELAY_MS = 5_500;
const SHUTDOWN_TIMEOUT_MS = 8_000;
/** How long a shard process may take from spawn to ready (discord.js's default). */
const SHARD_READY_TIMEOUT_MS = 30_000;

const loaded = loadConfig();
if (!loaded.ok) {
  for (const problem of loaded.problems) process.stderr.write(`config: ${problem}\n`);
  process.exit(1);
}
const { config } = loaded;
const logger = createLogger({ level: config.logLevel, secrets: [config.token], base: { role: 'manager' } });
installProcessGuards(logger);

const manager = new ShardingManager(fileURLToPath(new URL('./main.ts', import.meta.url)), {
  token: config.token,
  totalShards: 'auto',
  mode: 'process',
  respawn: true,
  // Each shard runs the TypeScript entry through tsx, like `npm start`.
  execArgv: ['--import', import.meta.resolve('tsx')],
});
manager.on('shardCreate', (shard: Shard) => {
  logger.info({ shard: shard.id }, 'shard created');
  shard.on('death', () => logger.warn({ shard: shard.id }, 'shard process exited'));
  shard.on('ready', () => logger.info({ shard: shard.id }, 'shard ready'));
});

let stopping = false;
const shutdown = async (reason: string) => {
  if (stopping) return;
  stopping = true;
  manager.respawn = false;
  logger.info({ reason }, 'shutting down shards');
  setTimeout(() => process.exit(0), SHUTDOWN_TIMEOUT_MS).unref();
  await Promise.all(
    [...manager.shards.values()].map(
      (shard) =>
        new Promise<void>((resolve) => {
          const child = shard.process;
          if (!child || child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  logger.info('stopped');
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

try {
  const { shards, maxConcurrency } = await fetchRecommendedShards(config);
  logger.info({ shards, maxConcurrency }, 'spawning shards');
  await spawnShards(shards, maxConcurrency);
  logger.info({ shards }, 'all shards ready');
} catch (error) {
  logger.fatal({ err: error }, 'could not start the shards');
  manager.respawn = false;
  for (const shard of manager.shards.values()) shard.kill();
  process.exit(1);
}

/**
 * Spawns the shards like `manager.spawn()`, but the identify buckets (shard id modulo
 * `max_concurrency`) in parallel: Discord only spaces IDENTIFYs within one bucket, and
 * `spawn()` would start every shard after the previous one is ready (seconds per shard).
 */
async function spawnShards(total: number, maxConcurrency: number): Promise<void> {
  manager.totalShards = total;
  manager.shardList = [...Array(total).keys()];
  const buckets = new Map<number, number[]>();
  for (const id of manager.shardList)
    buckets.set(id % maxConcurrency, [...(buckets.get(id % maxConcurrency) ?? []), id]);
  await Promise.all(
    [...buckets.values()].map(async (ids) => {
      for (const [index, id] of ids.entries()) {
        if (index > 0) await new Promise((resolve) => setTimeout(resolve, SHARD_SPAWN_DELAY_MS));
        await manager.createShard(id).spawn(SHARD_READY_TIMEOUT_MS);
      }
    }),
  );
}
