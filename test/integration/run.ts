/**
 * Runs the integration suite in a real VS Code desktop build through @vscode/test-electron.
 * It downloads VS Code, so it runs where that is possible; CI here exercises the
 * extension in code-server's real VS Code instead (npm run test:e2e).
 */
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'dist', 'integration');

async function main(): Promise<void> {
  const tests = readdirSync(__dirname).filter((file) => file.endsWith('.test.ts'));
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
  const workspace = mkdtempSync(join(tmpdir(), 'star-coach-integration-'));
  cpSync(join(__dirname, 'workspace'), workspace, { recursive: true });
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(OUT, 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
  });
}

main().catch((error: unknown) => {
  console.error(`Integration tests failed: ${(error as Error).message}`);
  process.exit(1);
});
