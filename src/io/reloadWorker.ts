/**
 * Worker thread for corpus reloads: parses and indexes the corpus off the main thread and saves
 * the prebuilt index, so that the bot keeps answering from the old index meanwhile. The main
 * thread then loads the saved file (fast) and swaps it in.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAnswerContext } from './indexStore';

type Job = { dir: string; indexDir: string };
const { dir, indexDir } = workerData as Job;
const warnings: string[] = [];
try {
  const { source } = loadAnswerContext(dir, { indexDir, warn: (line) => warnings.push(line) });
  parentPort?.postMessage({ ok: true, key: source.key, sentences: source.sentences, warnings });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: (error as Error).message, warnings });
}
