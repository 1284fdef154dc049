// The check pool's worker when Gjerde runs from its TypeScript source (development, tests): a worker thread
// on Node 20 does not get tsx from `--import`, so it registers tsx here before loading the worker module.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./analyze-worker.ts');

export const { analyzeTask, validateTask } = worker;
