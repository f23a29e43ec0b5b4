// Types for server.mjs, so TypeScript tests can import it.
export const HOST: string;
export const QUIET_SETTINGS: Record<string, unknown>;
export const TEST_EDITOR_SETTINGS: Record<string, unknown>;
export function freePort(): Promise<number>;

export interface ServerDirs {
  root: string;
  userData: string;
  extensions: string;
  config: string;
  /** code-server's own stdout/stderr. Extension host log: <userData>/logs/<stamp>/exthost1/remoteexthost.log */
  log: string;
}

export interface StartOptions {
  /** .vsix file(s) to install into the fresh extensions dir first. */
  vsix?: string | string[];
  /** Folder the workbench opens. */
  folder: string;
  port?: number;
  /** Default true: add TEST_EDITOR_SETTINGS (no suggestions, no auto-closing); false keeps VS Code's editor defaults. */
  testEditor?: boolean;
  /** Merged over QUIET_SETTINGS (+ TEST_EDITOR_SETTINGS) into User/settings.json. */
  settings?: Record<string, unknown>;
  /** Extra code-server arguments. */
  args?: string[];
  keepDirs?: boolean;
  timeoutMs?: number;
  log?: (message: string) => void;
}

export interface RunningServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** url?folder=<folder> */
  folderUrl: string;
  port: number;
  pid: number;
  folder: string;
  dirs: ServerDirs;
  /** Kills the process group it started and removes the temp dirs (unless keepDirs). */
  stop(): Promise<void>;
}

export function startServer(options: StartOptions): Promise<RunningServer>;
