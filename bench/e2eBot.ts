/**
 * The bot side of `e2eBench.ts`, in a worker thread so that it has its own event loop (and
 * core) like a real bot whose Discord is elsewhere: loads the corpus's prebuilt index, starts
 * the real discord.js client against the fake, and stops when told.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type Bot, startBot } from '../src/discord/client';
import { loadAnswerContext } from '../src/io/indexStore';
import { createLogger } from '../src/io/logger';
import { FAKE_TOKEN, fakeClientOptions } from '../tests/helpers/fakeDiscord';

export type E2eBotData = { dir: string; indexDir: string; apiUrl: string };

const data = workerData as E2eBotData;
const { ctx, source } = loadAnswerContext(data.dir, { indexDir: data.indexDir });
// Production logging (info, one JSON line per answer), written nowhere.
const logger = createLogger({ level: 'info', secrets: [FAKE_TOKEN], destination: { write: () => {} } });
const t0 = performance.now();
const bot: Bot = await startBot({
  config: { token: FAKE_TOKEN, apiUrl: data.apiUrl },
  ctx,
  logger,
  clientOptions: fakeClientOptions({ apiUrl: data.apiUrl }),
});
parentPort?.postMessage({
  type: 'ready',
  sentences: source.sentences,
  loadMs: source.ms,
  startMs: performance.now() - t0,
});
parentPort?.on('message', async (message: { type: string }) => {
  if (message.type !== 'stop') return;
  await bot.stop();
  parentPort?.postMessage({ type: 'stopped' });
  parentPort?.close();
});
