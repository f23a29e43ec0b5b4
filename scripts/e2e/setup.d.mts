// Types for setup.mjs.
export const ROOT: string;
export const CACHE: string;
export const NODE_VERSION: string;
export const CODE_SERVER_VERSION: string;
export const CHROMIUM: string;
export const paths: {
  cache: string;
  node24Bin: string;
  node24: string;
  nodedir: string;
  codeServerPkg: string;
  codeServer: string;
  vscodeServerMain: string;
  chromium: string;
};
export function node24Env(extra?: Record<string, string>): NodeJS.ProcessEnv;
export function ensureSetup(options?: { check?: boolean }): Promise<typeof paths>;
/** Prints `label: step, N MB in dir/ so far` every STAR_E2E_PROGRESS_MS (15 s) until the returned function is called. */
export function startProgress(label: string, dir: string, steps?: Array<[marker: string, step: string]>): () => void;
