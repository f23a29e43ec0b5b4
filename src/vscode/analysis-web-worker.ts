/**
 * The browser build's analysis worker (a web worker, bundled as dist/web/analysis-worker.js):
 * on vscode.dev analyses run here, off the web extension host's thread, as they run in
 * dist/analysis-worker.js on the desktop. Both wrap the same handler.
 */
import { createWorkerHandler, type WorkerRequest } from '../engine/analysis-worker-protocol';

/** The worker's global scope (the project's TypeScript setup has no WebWorker lib). */
const scope = globalThis as unknown as { onmessage: ((event: { data: WorkerRequest }) => void) | null; postMessage(message: unknown): void };
const handle = createWorkerHandler();
scope.onmessage = (event) => {
  const reply = handle(event.data);
  if (reply) scope.postMessage(reply);
};
