import { type FSWatcher, watch } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { AnswerContext } from '../answer';
import { type ContextSource, DEFAULT_INDEX_DIR, loadAnswerContext } from './indexStore';

export type CorpusWatcherOptions = {
  /** folder of prebuilt indexes the worker writes and the main thread reads */
  indexDir?: string;
  /** quiet period after the last change before reloading (editors write files in bursts) */
  debounceMs?: number;
  /** the new context is ready: swap it in */
  onReload: (ctx: AnswerContext, source: ContextSource, warnings: string[]) => void;
  /** the new corpus could not be loaded: keep serving the old one */
  onError: (message: string, warnings: string[]) => void;
};

/**
 * Watches a corpus folder and reloads it after changes, without a restart: a worker thread
 * parses and indexes the new corpus (saving the prebuilt index) while the old context keeps
 * answering; then the main thread loads the saved index and hands it to `onReload`. A broken
 * file is skipped with a warning like at startup; a corpus that no longer loads at all is
 * reported through `onError` and the old context stays. Reloads never overlap.
 *
 * @returns a function that stops watching
 */
export function watchCorpus(dir: string, options: CorpusWatcherOptions): () => void {
  const indexDir = options.indexDir ?? DEFAULT_INDEX_DIR;
  const debounceMs = options.debounceMs ?? 1_000;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let closed = false;
  let worker: Worker | undefined;

  const reload = () => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    worker = new Worker(new URL('./reloadWorker.mjs', import.meta.url), { workerData: { dir, indexDir } });
    let answered = false;
    worker.once('message', (result: { ok: boolean; message?: string; warnings: string[] }) => {
      answered = true;
      if (closed) return;
      if (!result.ok) options.onError(result.message ?? 'reload failed', result.warnings);
      else {
        try {
          const { ctx, source } = loadAnswerContext(dir, { indexDir });
          options.onReload(ctx, source, result.warnings);
        } catch (error) {
          options.onError((error as Error).message, result.warnings);
        }
      }
    });
    worker.once('error', (error) => {
      answered = true;
      if (!closed) options.onError(`reload worker failed: ${error.message}`, []);
    });
    worker.once('exit', () => {
      if (!answered && !closed) options.onError('reload worker exited without an answer', []);
      worker = undefined;
      running = false;
      if (again && !closed) {
        again = false;
        reload();
      }
    });
  };

  const schedule = (_event: string, file: string | Buffer | null) => {
    const name = String(file ?? '');
    // Our own temp files and hidden files are not corpus changes.
    if (/(^|\/)\.|\.tmp$/.test(name)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true }, schedule);
    watcher.on('error', (error) => options.onError(`cannot watch ${dir}: ${error.message}`, []));
  } catch (error) {
    options.onError(`cannot watch ${dir}: ${(error as Error).message}`, []);
  }
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    watcher?.close();
    void worker?.terminate();
  };
}
