import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { applyAction, codeActionsAt, codeOf, open, starDiagnostics, waitForDiagnostics, workspaceFile } from './helpers';

describe('STAR Coach in VS Code', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('reports a missing Result on the answer title, with source, code and docs link', async () => {
    const editor = await open('missing-result.star.md');
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    const missing = diagnostics.find((d) => codeOf(d) === 'STAR004')!;
    assert.equal(missing.range.start.line, 0);
    assert.equal(missing.source, 'STAR Coach');
    // The code links to Show Rule Documentation (the rendered page), not to the raw file.
    assert.ok(typeof missing.code === 'object' && missing.code.target.scheme === 'command' && missing.code.target.path === 'starCoach.showRuleDocs', String(typeof missing.code === 'object' && missing.code.target));
    assert.deepEqual(JSON.parse(missing.code.target.query), ['missing-result']);
    assert.match(missing.message, /no Result yet/);
  });

  it('the preferred quick fix inserts the Result in the answer\'s bold-label style, and the finding goes away', async () => {
    const editor = await open('missing-result.star.md');
    const [missing] = (await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR004'))).filter((d) => codeOf(d) === 'STAR004');
    const actions = await codeActionsAt(editor.document.uri, missing, vscode.CodeActionKind.QuickFix.value, 'Insert Result section');
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Insert Result section'), titles.join(' | '));
    assert.ok(titles.includes('Disable missing-result for this line'));
    assert.ok(titles.includes('Disable missing-result for this file'));
    assert.ok(titles.includes('More information about missing-result'));
    const fix = actions.find((a) => a.title === 'Insert Result section')!;
    assert.equal(fix.isPreferred, true);
    await applyAction(fix);
    assert.match(editor.document.getText(), /\*\*Action:\*\* I profiled[^\n]*\n\n\*\*Result:\*\* What changed, in numbers\?[^\n]*\n\n\*\*Reflection:\*\*/);
    await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => codeOf(x) === 'STAR004'));
  });

  it('plain labels on consecutive lines get a plain Result line', async () => {
    const editor = await open('plain-labels.star.md');
    const [missing] = (await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR004'))).filter((d) => codeOf(d) === 'STAR004');
    const fix = (await codeActionsAt(editor.document.uri, missing, undefined, 'Insert Result section')).find((a) => a.title === 'Insert Result section')!;
    await applyAction(fix);
    assert.match(editor.document.getText(), /Action: I moved every job to one scheduler over a quarter\.\nResult: What changed/);
  });

  it('heading answers get a heading of the same level, and fix-all inserts every missing part', async () => {
    const editor = await open('headings.star.md');
    const [missing] = (await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR002'))).filter((d) => codeOf(d) === 'STAR002');
    const fixAll = (await codeActionsAt(editor.document.uri, missing, 'source.fixAll.starCoach', 'Insert all missing STAR sections')).find((a) => a.kind?.value === 'source.fixAll.starCoach');
    assert.ok(fixAll, 'fix-all is offered');
    await applyAction(fixAll);
    const text = editor.document.getText();
    assert.match(text, /## Situation[\s\S]*## Task[\s\S]*## Action[\s\S]*## Result[\s\S]*## Reflection/);
    await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => ['STAR001', 'STAR002', 'STAR003', 'STAR004', 'STAR005'].includes(codeOf(x))));
  });

  it('"Disable for this line" inserts a comment the next analysis honours', async () => {
    const editor = await open('missing-result.star.md');
    const [missing] = (await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR004'))).filter((d) => codeOf(d) === 'STAR004');
    const disable = (await codeActionsAt(editor.document.uri, missing, undefined, 'Disable missing-result for this line')).find((a) => a.title === 'Disable missing-result for this line')!;
    await applyAction(disable);
    assert.ok(editor.document.getText().startsWith('<!-- star-coach-disable-next-line missing-result -->\n## Tell me'));
    await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => codeOf(x) === 'STAR004'));
  });

  it('lists answers and their sections in the outline', async () => {
    const editor = await open('missing-result.star.md');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    const answer = symbols.find((s) => s.name === 'Tell me about a time you cut checkout latency' && s.children.length > 0);
    assert.ok(answer, symbols.map((s) => s.name).join(', '));
    assert.deepEqual(answer.children.map((c) => c.name), ['Situation', 'Task', 'Action', 'Reflection']);
  });

  it('asked right after an edit, the outline has the part just typed (it waits for the analysis after the pause)', async () => {
    const editor = await open('missing-result.star.md');
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    const end = editor.document.positionAt(editor.document.getText().indexOf('\n\n**Reflection:**'));
    await editor.edit((edit) => edit.insert(end, '\n\n**Result:** Timeouts fell from 4% to 0.1% of orders in the next sale.'));
    // Asked at once, as VS Code asks after an edit: no later request would correct a stale answer.
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    const answer = symbols.find((s) => s.name === 'Tell me about a time you cut checkout latency' && s.children.length > 0);
    assert.ok(answer, symbols.map((s) => s.name).join(', '));
    assert.deepEqual(answer.children.map((c) => c.name), ['Situation', 'Task', 'Action', 'Result', 'Reflection']);
  });

  it('shows a CodeLens with the answer\'s completeness and spoken length', async () => {
    const editor = await open('missing-result.star.md');
    const expected = /^S ✓ {2}T ✓ {2}A ✓ {2}R ✗ {2}Reflection ✓ · \d+ words · ~0:\d\d spoken \(S 0:\d\d, T 0:\d\d, A 0:\d\d, Reflection 0:\d\d\) · \d+\/100$/;
    // The CodeLens shows the latest finished analysis; after an earlier test reverted this
    // file, the analysis of the reverted text may still be on its way.
    let titles: string[] = [];
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      titles = lenses.map((lens) => lens.command?.title ?? '');
      if (titles.some((title) => expected.test(title))) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(titles.some((title) => expected.test(title)), titles.join(' | '));
  });

  it('gives a README nothing', async () => {
    const editor = await open('README.md');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.deepEqual(starDiagnostics(editor.document.uri), []);
    assert.deepEqual(lenses.filter((lens) => lens.command?.title.includes('words')), []);
  });

  it('clicking the CodeLens inserts what the answer is missing', async () => {
    const editor = await open('plain-labels.star.md');
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const lens = lenses.find((l) => l.command?.title.startsWith('S ✓'))!;
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.match(editor.document.getText(), /Action: I moved every job to one scheduler over a quarter\.\nResult: What changed[^\n]*\nReflection: What did you learn/);
    await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => ['STAR004', 'STAR005'].includes(codeOf(x))));
  });

  it('"New Answer Draft" opens an unsaved *.star.md skeleton with all five sections', async () => {
    await vscode.commands.executeCommand('starCoach.newDraft');
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.isUntitled);
    assert.ok(editor.document.uri.path.endsWith('.star.md'), editor.document.uri.path);
    const text = editor.document.getText();
    for (const label of ['**Situation:**', '**Task:**', '**Action:**', '**Result:**', '**Reflection:**']) assert.ok(text.includes(label), label);
    // The first prompt is selected, ready to be typed over.
    assert.equal(editor.document.getText(editor.selection), 'Tell me about a time you…');
  });

  it('"Show Rule Documentation" opens the bundled page for a rule', async () => {
    const labels = (): string[] => vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
    const opened = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no docs tab; tabs: ${labels().join(' | ')}`)), 10_000);
      const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
        if (!labels().some((label) => label.includes('missing-result'))) return;
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('starCoach.showRuleDocs', 'missing-result');
    await opened;
  });

  it('checks closed drafts from the command palette', async () => {
    await vscode.commands.executeCommand('starCoach.checkWorkspace');
    await waitForDiagnostics(workspaceFile('plain-labels.star.md'), (d) => d.some((x) => codeOf(x) === 'STAR004'));
    assert.deepEqual(starDiagnostics(workspaceFile('README.md')), []);
  });

  it('checks an open draft as it is on screen, with an edit made just before', async () => {
    const editor = await open('missing-result.star.md');
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    // Run at once, before the pause after typing would analyze the edit.
    await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), '\n**Result:** Churn fell from 9% to 4% in a quarter.\n'));
    await vscode.commands.executeCommand('starCoach.checkWorkspace');
    assert.ok(!starDiagnostics(editor.document.uri).some((x) => codeOf(x) === 'STAR004'), 'the typed Result counts once the check is done');
  });
});

describe('STAR Coach settings in VS Code', () => {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('starCoach');

  afterEach(async () => {
    await config().update('severity.missing-reflection', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a severity setting changes what is reported without reopening the file', async () => {
    const editor = await open('missing-result.star.md');
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    await config().update('severity.missing-reflection', 'error', vscode.ConfigurationTarget.Workspace);
    const plain = await open('plain-labels.star.md');
    const diagnostics = await waitForDiagnostics(plain.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR005' && x.severity === vscode.DiagnosticSeverity.Error));
    assert.ok(diagnostics.length > 0);
  });

  it('a settings change re-sends findings only for the files whose findings changed', async () => {
    // Each publish makes VS Code re-ask every code-action provider, closing an open Quick Fix menu.
    const unchanged = await open('missing-result.star.md');
    await waitForDiagnostics(unchanged.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    const changed = await open('plain-labels.star.md');
    await waitForDiagnostics(changed.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR005'));
    // The extension host hands back the very objects a collection holds: new ones mean a new publish.
    const before = starDiagnostics(unchanged.document.uri);
    const reflectionIs = (error: boolean) => (d: vscode.Diagnostic[]) =>
      d.some((x) => codeOf(x) === 'STAR005' && (x.severity === vscode.DiagnosticSeverity.Error) === error);
    // Each settings change re-analyzes every open file in one pass.
    await config().update('severity.missing-reflection', 'error', vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(changed.document.uri, reflectionIs(true));
    await config().update('severity.missing-reflection', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(changed.document.uri, reflectionIs(false));
    const after = starDiagnostics(unchanged.document.uri);
    assert.ok(before.length > 0 && after.length === before.length && after.every((d, i) => d === before[i]), 'missing-result.star.md has a Reflection: its findings did not change and were not sent again');
  });
});
