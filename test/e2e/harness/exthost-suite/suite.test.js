// Runs INSIDE the extension host, with the real `vscode` API, against the demo extension loaded
// as a development extension (see ../selftest.e2e.test.ts).
const assert = require('assert');
const vscode = require('vscode');

async function until(read, ok, what, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('demo extension, from inside the extension host', () => {
  let doc;

  before(async () => {
    const [file] = await vscode.workspace.findFiles('drafts/conflict.md');
    assert.ok(file, 'workspace file drafts/conflict.md');
    doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
  });

  it('is the development extension, and active', async () => {
    const ext = vscode.extensions.getExtension('star-e2e.e2e-demo');
    assert.ok(ext, 'extension star-e2e.e2e-demo is loaded');
    await until(() => ext.isActive, Boolean, 'activation');
  });

  it('publishes the diagnostic', async () => {
    const diags = await until(() => vscode.languages.getDiagnostics(doc.uri), (d) => d.length > 0, 'diagnostics');
    assert.deepEqual(diags.map((d) => [d.message, d.source, d.code]), [['Missing Result section', 'e2e-demo', 'missing-result']]);
  });

  it('offers the quick fix, symbols and the CodeLens through the provider commands', async () => {
    // The quick fix is offered for the diagnostics the main thread knows at the range; those arrive
    // from the extension host asynchronously, so poll rather than ask once.
    await until(
      () => vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 1)),
      (actions) => actions.some((a) => a.title === 'Insert Result section'),
      'the quick fix',
    );
    const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok(symbols.some((s) => s.name === 'STAR: Action'), JSON.stringify(symbols.map((s) => s.name)));
    const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
    assert.ok(lenses.some((l) => /Demo lens: \d+ words/.test(l.command && l.command.title)));
  });

  it('runs its command', async () => {
    await vscode.commands.executeCommand('e2eDemo.hello');
  });
});
