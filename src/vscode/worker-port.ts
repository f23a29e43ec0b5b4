/**
 * Starting the analysis worker where the extension runs: a worker thread on the desktop
 * (dist/analysis-worker.js), a web worker in the browser build (dist/web/analysis-worker.js).
 * Both answer the same messages (src/engine/analysis-worker-protocol.ts); BackgroundAnalyzer
 * sees only this port.
 */
export interface WorkerPort {
  postMessage(message: unknown): void;
  terminate(): void;
}

/** Starts a worker that calls `onMessage` with each reply and `onError` when it fails; undefined where none can start. */
export type SpawnWorker = (onMessage: (data: unknown) => void, onError: (message: string) => void) => WorkerPort | undefined;

// Loaded by name at run time so that the web build, which has no worker_threads, bundles without it.
function workerThreads(): typeof import('node:worker_threads') | undefined {
  try {
    const name = 'node:worker_threads';
    const load = typeof require === 'function' ? (require as (id: string) => unknown) : undefined;
    return load?.(name) as typeof import('node:worker_threads') | undefined;
  } catch {
    return undefined;
  }
}

/** A worker thread running the script at `path` (the desktop). */
export function nodeWorker(path: string): SpawnWorker {
  return (onMessage, onError) => {
    const threads = workerThreads();
    if (!threads) return undefined;
    try {
      const worker = new threads.Worker(path);
      worker.on('message', onMessage);
      worker.on('error', (error) => onError(error.message));
      // The extension host may exit while a run is in flight.
      worker.unref();
      return { postMessage: (message) => worker.postMessage(message), terminate: () => void worker.terminate() };
    } catch {
      return undefined;
    }
  };
}

interface WebWorker {
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

/**
 * A web worker running the script at `url` (the browser build). The web extension host
 * cannot start workers for extensions it loads from a server it reaches only through the
 * workbench (code-server, Codespaces): there the constructor throws, or the script fails to
 * load, and analysis runs in place.
 */
export function webWorker(url: string): SpawnWorker {
  return (onMessage, onError) => {
    const WorkerClass = (globalThis as unknown as { Worker?: new (url: string) => WebWorker }).Worker;
    if (typeof WorkerClass !== 'function') return undefined;
    try {
      const worker = new WorkerClass(url);
      worker.onmessage = (event) => onMessage(event.data);
      worker.onerror = (event) => {
        event.preventDefault?.();
        onError(event.message || 'the worker script could not be loaded');
      };
      return { postMessage: (message) => worker.postMessage(message), terminate: () => worker.terminate() };
    } catch {
      return undefined;
    }
  };
}

/**
 * The bundled analysis worker for where the extension runs: the worker-thread script where
 * Node's worker threads exist (the desktop, a remote extension host), else the web worker
 * script (vscode.dev).
 */
export function bundledWorker(scripts: { nodePath: string; webUrl: string }): SpawnWorker {
  return workerThreads() ? nodeWorker(scripts.nodePath) : webWorker(scripts.webUrl);
}
