// Types for exthost.mjs.
export function runExtensionHostTests(options: {
  /** Folder with the extension's package.json (built). */
  extensionDevelopmentPath: string;
  /** Module exporting run(): Promise<void>, run inside the extension host. */
  extensionTestsPath: string;
  /** Workspace folder to open (default: an empty temp folder). */
  folder?: string;
  /** Other extensions to install first. */
  vsix?: string | string[];
  /** Default 300 000. */
  timeoutMs?: number;
  verbose?: boolean;
  /** Where to save a screenshot of the workbench at the end. */
  screenshot?: string;
}): Promise<number>;
