/** Worker entry (src/workers.ts): one catalogue import's parse and mapping, answered as one message. */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareImport, type PrepareInput } from './prepare.js';

const input: PrepareInput = workerData;
parentPort?.postMessage(prepareImport(input));
