/**
 * Runs the integration suite inside a real VS Code extension host.
 *
 *   npm run test:integration               VS Code desktop via @vscode/test-electron (downloads VS Code)
 *   npm run test:integration -- --code-server   code-server's VS Code in headless Chromium (no download;
 *                                           what CI runs, through scripts/e2e/exthost.mjs)
 *
 * Both hosts load the extension from this folder (dist/extension.js) and the same bundled tests.
 */
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'dist', 'integration');

async function main(): Promise<number> {
  const tests = readdirSync(__dirname).filter((file) => file.endsWith('.test.ts'));
  if (tests.length === 0) throw new Error(`no integration tests (*.test.ts) in ${__dirname}`);
  await build({
    entryPoints: [join(__dirname, 'index.ts'), ...tests.map((file) => join(__dirname, file))],
    outdir: OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  // A throwaway copy, so tests that apply fixes never change the fixtures.
  const workspace = join(mkdtempSync(join(tmpdir(), 'star-coach-integration-')), 'workspace');
  cpSync(join(__dirname, 'workspace'), workspace, { recursive: true });
  const extensionTestsPath = join(OUT, 'index.js');

  if (process.argv.includes('--code-server')) {
    const { ensureSetup } = await import('../../scripts/e2e/setup.mjs');
    const { runExtensionHostTests } = await import('../../scripts/e2e/exthost.mjs');
    await ensureSetup();
    return runExtensionHostTests({ extensionDevelopmentPath: ROOT, extensionTestsPath, folder: workspace });
  }
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath,
    launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
  });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Integration tests failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
