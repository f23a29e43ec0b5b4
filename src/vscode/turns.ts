/**
 * Resolves once the messages already waiting on the extension host's main thread have been
 * taken in (setImmediate; the web build has none), so that long work comes in as several
 * short turns and the editor's messages go in between.
 */
export function afterPendingMessages(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}
