// Worker entry for the e2e bench's bot: Node 20 does not pass `--import tsx` on to worker
// threads, so the worker registers tsx itself (as src/io/reloadWorker.mjs does).
import { register } from 'tsx/esm/api';

register();
await import('./e2eBot.ts');
