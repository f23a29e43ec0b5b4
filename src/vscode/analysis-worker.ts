/**
 * The desktop analysis worker (a worker_threads entry, bundled as dist/analysis-worker.js):
 * analyses run here, off the extension host's main thread, so a slow document never holds
 * up typing or other extensions. The browser build wraps the same handler in a web worker.
 */
import { parentPort } from 'node:worker_threads';
import { createWorkerHandler, type WorkerRequest } from '../engine/analysis-worker-protocol';

const handle = createWorkerHandler();
parentPort?.on('message', (request: WorkerRequest) => {
  const reply = handle(request);
  if (reply) parentPort?.postMessage(reply);
});
