import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { starDiagnostics, waitForDiagnostics, workspaceFile } from './helpers';

const encoder = new TextEncoder();

async function write(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceFile(name);
  // The folders first, one at a time, so the file watcher watches each before anything appears
  // in it: the watcher adds a new folder a moment after it appears (inotify on Linux), and
  // misses what was made in it before that, a nested folder included, for good.
  const folders = name.split('/').slice(0, -1);
  for (let depth = 1; depth <= folders.length; depth++) {
    const folder = workspaceFile(folders.slice(0, depth).join('/'));
    const exists = await vscode.workspace.fs.stat(folder).then(() => true, () => false);
    if (exists) continue;
    await vscode.workspace.fs.createDirectory(folder);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
  return uri;
}

/**
 * Writes a file that is not open and waits until its diagnostics match. On a loaded machine the
 * watcher can start watching a new folder after the file in it was written, and that file's
 * creation is then never reported (saving it again is seen); so an unseen write is repeated, at
 * most three times, as a writer would save it again.
 */
async function writeSeen(name: string, text: string, predicate: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<{ uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }> {
  for (let attempt = 1; ; attempt++) {
    const uri = await write(name, text);
    const last = attempt === 3;
    const diagnostics = await waitForDiagnostics(uri, predicate, last ? 15_000 : 5_000).catch((error: unknown) => {
      if (last) throw error;
      return undefined;
    });
    if (diagnostics) return { uri, diagnostics };
  }
}

/** The text a diagnostic's range covers in `text`. */
function covered(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): string {
  return document.getText(diagnostic.range);
}

describe('STAR Coach configuration and bank files show their problems in place', () => {
  const created: vscode.Uri[] = [];

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created.splice(0)) await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('an unknown rule and a bad severity in .starcoachrc.json are errors on that key and that value, and go away when fixed', async () => {
    const text = '{\n  // comments are fine\n  "rules": { "missing-results": "off", "missing-task": "loud" },\n  "requiredSections": ["situation", "outcome"],\n}\n';
    const uri = await write('config-check/.starcoachrc.json', text);
    created.push(workspaceFile('config-check'));
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length === 3);
    const byText = Object.fromEntries(diagnostics.map((d) => [covered(document, d), d]));
    assert.match(byText['"missing-results"'].message, /^rules\.missing-results: unknown rule/);
    assert.match(byText['"loud"'].message, /^rules\.missing-task: "loud" is not a severity/);
    assert.match(byText['"outcome"'].message, /^requiredSections: "outcome" is not a section/);
    assert.ok(diagnostics.every((d) => d.severity === vscode.DiagnosticSeverity.Error));

    await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), '{ "rules": { "missing-result": "off" } }\n'));
    await waitForDiagnostics(uri, (d) => d.length === 0);
  });

  it('a syntax error and an unknown preset are shown; a file extended by a path that does not exist is named', async () => {
    const uri = await write('config-check/.starcoachrc.json', '{ "extends": ["starr", "nope", "./missing.json"], "synonyms": { "result": ["Payoff"] } }\n');
    created.push(workspaceFile('config-check'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length === 2);
    const messages = diagnostics.map((d) => `${covered(document, d)} ${d.message}`).sort();
    assert.match(messages[0], /^"\.\/missing\.json" extends: "\.\/missing\.json" does not exist$/);
    assert.match(messages[1], /^"nope" extends: "nope" is not a preset/);

    const { diagnostics: syntax } = await writeSeen('config-check/other/.starcoachrc.json', '{ "rules": { "missing-result": "off" ', (d) => d.length > 0);
    assert.ok(syntax.every((d) => /^invalid JSON: /.test(d.message)), syntax.map((d) => d.message).join('\n'));
  });

  it('a workspace bank that is not open gets its problems in the Problems panel, at the question that has them', async () => {
    const bank = {
      questions: [
        {
          id: 'cfg-check-one',
          text: 'Tell me about a time you changed your mind.',
          category: 'communication',
          competencies: ['judgment'],
          difficulty: 'extreme',
          whyAsked: 'x',
          keyPoints: [],
          mistakes: [],
          followUps: [],
          targetSeconds: 120,
        },
      ],
    };
    created.push(workspaceFile('bank-check'));
    const { uri, diagnostics } = await writeSeen('bank-check/.star-coach/questions.json', JSON.stringify(bank, null, 2), (d) => d.some((x) => x.message.startsWith('questions[0].difficulty')));
    assert.ok(diagnostics.some((d) => d.message.startsWith('questions[0].keyPoints')), diagnostics.map((d) => d.message).join('\n'));
    const document = await vscode.workspace.openTextDocument(uri);
    const difficulty = diagnostics.find((d) => d.message.startsWith('questions[0].difficulty'))!;
    assert.equal(covered(document, difficulty), '"extreme"');

    // Fixed on disk, the problems go.
    await write('bank-check/.star-coach/questions.json', JSON.stringify({ questions: [] }));
    await waitForDiagnostics(uri, (d) => d.length === 0);
  });

  it('leaves other JSON files alone', async () => {
    const uri = await write('config-check/settings.json', '{ "rules": { "missing-results": "off" } }');
    created.push(workspaceFile('config-check'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // A file that is checked at the same time proves the check has run.
    await writeSeen('config-check/.starcoachrc.json', '{ "rulez": {} }', (d) => d.length === 1);
    assert.deepEqual(starDiagnostics(uri), []);
  });
});
