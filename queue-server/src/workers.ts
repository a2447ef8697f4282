import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * The server's worker threads (issue 17): the what-if runs and the catalogue import's parse, CPU work of seconds
 * that would otherwise stall every kiosk and counter. Each entry is a file of its own, found beside the running
 * code the way `assetPath()` finds assets: this module sits in `src/` under tsx or vitest, where the entry is
 * `src/<entry>.ts` and the worker needs tsx's loader to run TypeScript; in the compiled build it is bundled into
 * `dist/main.js`, and scripts/build-node.mjs bundles each entry to `dist/<entry>.js`, plain JavaScript.
 */
export type WorkerEntry = 'sim/whatif.worker' | 'catalogue/parse.worker';

const fromSource = import.meta.url.endsWith('.ts');

export function workerUrl(entry: WorkerEntry): URL {
  return new URL(`./${entry}.${fromSource ? 'ts' : 'js'}`, new URL('./', import.meta.url));
}

/**
 * Under TypeScript sources only: a worker whose first act is to register tsx's ESM hooks, then import the entry.
 * (On Node 20 a worker's `execArgv: ['--import', 'tsx']` does not reach the worker's own entry.) tsx is a dev
 * dependency, resolved from here; its `tsx/esm/api` export is `index.cjs` for require and `index.mjs` for import.
 */
function sourceBootstrap(entry: URL): string {
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  return [
    `import(${JSON.stringify(pathToFileURL(api).href)})`,
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`,
  ].join('');
}

export function startWorker(
  entry: WorkerEntry,
  workerData: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  const url = workerUrl(entry);
  const options = { workerData, ...(resourceLimits ? { resourceLimits } : {}) };
  return fromSource ? new Worker(sourceBootstrap(url), { ...options, eval: true }) : new Worker(url, options);
}

/** One worker's one answer, and a way to end it before it answers. */
export interface WorkerRun<T> {
  /** The message it posts; rejects when it throws, runs out of memory, exits without answering or is stopped. */
  result: Promise<T>;
  /** Ends the worker at once (the server is closing); resolves once its thread has exited. */
  stop(): Promise<void>;
  /** Its thread's exit code, once it has exited (answered, failed or stopped): nothing of it is left running. */
  exited: Promise<number>;
}

/** Starts `entry` on `workerData` for the one message it posts. A worker that has answered is ended at once. */
export function runOnce<T>(
  entry: WorkerEntry,
  workerData: unknown,
  resourceLimits?: ResourceLimits,
): WorkerRun<T> {
  const worker = startWorker(entry, workerData, resourceLimits);
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const result = new Promise<T>((resolve, reject) => {
    let answered = false;
    worker.once('message', (value: T) => {
      answered = true;
      resolve(value);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`worker ${entry} exited with code ${code} without an answer`));
    });
  });
  return {
    result,
    stop: async () => {
      await worker.terminate();
    },
    exited,
  };
}
