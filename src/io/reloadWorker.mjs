// Worker entry for corpus reloads. Node 20 does not pass `--import tsx` on to worker threads,
// so the worker registers tsx itself before loading the TypeScript module that does the work.
import { register } from 'tsx/esm/api';

register();
await import('./reloadWorker.ts');
