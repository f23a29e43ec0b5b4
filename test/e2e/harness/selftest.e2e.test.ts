// HARNESS SELF-TEST: proves the e2e harness (setup, server, workbench driver) against a throwaway
// extension (demo-extension.js here), independently of STAR Coach. It starts its own code-server
// with that extension on its own temp workspace; it does not use STAR_E2E_URL.
// Skip it with STAR_E2E_SKIP_SELFTEST=1; run only it with `node scripts/e2e/run.mjs --selftest`.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { runExtensionHostTests } from '../../../scripts/e2e/exthost.mjs';
import { startServer, type RunningServer } from '../../../scripts/e2e/server.mjs';
import { useWorkbench } from '../workbench';

const HERE = path.resolve('test', 'e2e', 'harness');

/** Writes the demo extension (package.json + demo-extension.js) into dir/ext and returns that folder. */
function writeDemoExtension(dir: string): string {
  const ext = path.join(dir, 'ext');
  fs.mkdirSync(ext, { recursive: true });
  fs.copyFileSync(path.join(HERE, 'demo-extension.js'), path.join(ext, 'extension.js'));
  fs.writeFileSync(
    path.join(ext, 'package.json'),
    JSON.stringify({
      name: 'e2e-demo',
      displayName: 'E2E Demo',
      description: 'Throwaway extension that proves the STAR Coach e2e harness.',
      version: '0.0.1',
      publisher: 'star-e2e',
      license: 'MIT',
      repository: { type: 'git', url: 'https://example.invalid/e2e-demo.git' },
      engines: { vscode: '^1.90.0' },
      activationEvents: ['onLanguage:markdown'],
      main: './extension.js',
      contributes: { commands: [{ command: 'e2eDemo.hello', title: 'E2E Demo: Say Hello' }] },
    }),
  );
  fs.writeFileSync(path.join(ext, 'LICENSE.md'), 'MIT\n');
  fs.writeFileSync(path.join(ext, 'README.md'), '# E2E Demo\n');
  return ext;
}

/** Packages the demo extension as a .vsix with vsce (no network needed) and returns its path. */
function packageDemoExtension(dir: string): string {
  const ext = writeDemoExtension(dir);
  const req = createRequire(path.resolve('package.json'));
  const vscePkg = req.resolve('@vscode/vsce/package.json');
  const vsceBin = path.join(path.dirname(vscePkg), (JSON.parse(fs.readFileSync(vscePkg, 'utf8')).bin as Record<string, string>).vsce!);
  const out = path.join(dir, 'e2e-demo.vsix');
  execFileSync(process.execPath, [vsceBin, 'package', '--no-dependencies', '--allow-missing-repository', '-o', out], {
    cwd: ext,
    stdio: 'pipe',
  });
  return out;
}

function writeWorkspace(dir: string): string {
  const workspace = path.join(dir, 'workspace');
  fs.mkdirSync(path.join(workspace, 'drafts', 'deep'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'drafts', 'conflict.md'), ANSWER);
  fs.writeFileSync(path.join(workspace, 'drafts', 'deep', 'other.md'), '# Other\n\n## Result\n\nDone.\n');
  fs.writeFileSync(path.join(workspace, 'README.md'), '# Workspace\n\n## Result\n\nNothing to fix here.\n');
  return workspace;
}

const ANSWER = `# Tell me about a conflict

## Situation

Two teams disagreed about an API.

## Action

I set up a meeting.
`;

describe('e2e harness self-test (throwaway demo extension)', function () {
  let tmp: string;
  let server: RunningServer | undefined;
  let workspace: string;

  before(async function () {
    if (process.env.STAR_E2E_SKIP_SELFTEST === '1') this.skip();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'star-e2e-selftest-'));
    const vsix = packageDemoExtension(tmp);
    workspace = writeWorkspace(tmp);
    server = await startServer({ vsix, folder: workspace, log: () => undefined });
  });

  after(async function () {
    await server?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('one workbench through a whole scenario', function () {
    const ctx = useWorkbench(() => ({ url: server!.url, workspace }), 'all');

    it('opens a nested file from the Explorer and shows the diagnostic with its squiggle', async function () {
      await ctx.wb.openFile('drafts/conflict.md');
      assert.equal(await ctx.wb.activeEditorName(), 'conflict.md');
      await ctx.wb.waitForSquiggle('warning');
      const problem = await ctx.wb.waitForProblem('Missing Result section');
      assert.deepEqual(problem, {
        file: 'conflict.md',
        folder: 'drafts',
        severity: 'warning',
        message: 'Missing Result section',
        source: 'e2e-demo',
        code: 'missing-result',
        line: 1,
        column: 1,
      });
    });

    it('reads the CodeLens, the status bar item and the Outline', async function () {
      assert.equal(await ctx.wb.waitForCodeLens(/Demo lens: \d+ words/), 'Demo lens: 21 words');
      const item = await ctx.wb.waitForStatusBarItem('star-e2e.e2e-demo.e2eDemo.status', 'E2E Demo ready');
      assert.equal(item.text, 'E2E Demo ready');
      const outline = await ctx.wb.waitForOutline((items) => items.some((i) => i.label === 'STAR: Action'));
      assert.deepEqual(
        outline.filter((i) => i.label.startsWith('STAR:')),
        [
          { label: 'STAR: Situation', detail: 'section', level: 2 },
          { label: 'STAR: Action', detail: 'section', level: 2 },
        ],
      );
    });

    it('shows the diagnostic in a hover', async function () {
      assert.match(await ctx.wb.hoverText({ line: 1, column: 3 }), /Missing Result section/);
    });

    it('applies the quick fix with Ctrl+. and the diagnostic goes away', async function () {
      assert.deepEqual(await ctx.wb.quickFixes({ line: 1, column: 1 }), [{ label: 'Insert Result section', disabled: false }]);
      await ctx.wb.pressKeys('Escape');
      await ctx.wb.applyQuickFix('Insert Result section', { line: 1 });
      await ctx.wb.waitForNoProblem('Missing Result section');
      await ctx.wb.waitForNoSquiggle('warning');
      const text = await ctx.wb.editorText();
      assert.ok(text.endsWith('## Result\n\nTODO: measurable result\n'), JSON.stringify(text));
      assert.equal((await ctx.wb.cursor()).line, 1, 'editorText() puts the cursor back');
      await ctx.wb.waitForOutline((items) => items.some((i) => i.label === 'STAR: Result'));
    });

    it('types, saves, and the file on disk has the edit', async function () {
      await ctx.wb.press('Control+End');
      await ctx.wb.type('\nWe shipped 40% faster.');
      assert.ok(await ctx.wb.isDirty());
      await ctx.wb.save();
      assert.ok(ctx.wb.readFile('drafts/conflict.md').endsWith('TODO: measurable result\n\nWe shipped 40% faster.'));
      assert.equal(await ctx.wb.editorText(), ctx.wb.readFile('drafts/conflict.md'));
    });

    it('runs a command from the Command Palette and sees its effects', async function () {
      await ctx.wb.runCommand('E2E Demo: Say Hello');
      assert.equal(await ctx.wb.waitForNotification('Hello from E2E Demo'), 'Hello from E2E Demo');
      await ctx.wb.waitForStatusBarItem('star-e2e.e2e-demo.e2eDemo.status', 'said hello');
      await ctx.wb.clearNotifications();
      assert.deepEqual(await ctx.wb.notifications(), []);
    });

    it('offers and accepts a completion (Ctrl+Space)', async function () {
      await ctx.wb.press('Control+End');
      await ctx.wb.type('\n\nsta');
      const labels = await ctx.wb.suggestions();
      assert.ok(labels.includes('star-result'), JSON.stringify(labels));
      await ctx.wb.acceptSuggestion('star-result');
      assert.match(await ctx.wb.editorText(), /\n## Result\n\n$/);
    });

    it('replaces the whole text and opens another file', async function () {
      await ctx.wb.setEditorText(ANSWER);
      await ctx.wb.waitForProblem((p) => p.file === 'conflict.md' && p.code === 'missing-result');
      await ctx.wb.openFile('drafts/deep/other.md');
      assert.equal(await ctx.wb.activeEditorName(), 'other.md');
      assert.equal(await ctx.wb.editorText(), '# Other\n\n## Result\n\nDone.\n');
    });
  });

  describe('a fresh workbench per test', function () {
    const ctx = useWorkbench(() => ({ url: server!.url, workspace }));

    it('leaves an unsaved edit behind', async function () {
      await ctx.wb.openFile('README.md');
      await ctx.wb.type('UNSAVED ');
      assert.ok(await ctx.wb.isDirty());
    });

    it('starts clean: no editors open, the unsaved edit is gone', async function () {
      assert.equal(await ctx.wb.page.locator('.tabs-container .tab').count(), 0);
      await ctx.wb.openFile('README.md');
      assert.equal(await ctx.wb.isDirty(), false);
      assert.equal(await ctx.wb.editorText(), ctx.wb.readFile('README.md'));
    });
  });
});

describe('e2e harness self-test: a mocha suite inside the extension host (scripts/e2e/exthost.mjs)', function () {
  let tmp: string;

  before(function () {
    if (process.env.STAR_E2E_SKIP_SELFTEST === '1') this.skip();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'star-e2e-exthost-selftest-'));
  });

  after(function () {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('loads the demo extension as a development extension and runs exthost-suite/ in its host', async function () {
    const code = await runExtensionHostTests({
      extensionDevelopmentPath: writeDemoExtension(tmp),
      extensionTestsPath: path.join(HERE, 'exthost-suite', 'index.js'),
      folder: writeWorkspace(tmp),
      timeoutMs: 90_000,
      screenshot: path.join(process.env.STAR_E2E_RESULTS ?? path.resolve('test-results'), 'selftest-exthost.png'),
    });
    assert.equal(code, 0, 'the extension host suite passed (its output is above)');
  });
});
