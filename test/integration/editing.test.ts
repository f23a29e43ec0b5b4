import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { applyAction, codeActionsAt, codeOf, hoverText, open, starDiagnostics, starLenses, starSymbols, untitledDraft, waitForDiagnostics, waitForEvent, workspaceFile } from './helpers';

const MISSING = ['STAR001', 'STAR002', 'STAR003', 'STAR004', 'STAR005'];

describe('STAR Coach edits in VS Code', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  // VS Code puts the indentation of the line a snippet starts on before each of its lines,
  // unless the edit keeps its whitespace: the core already indents what it inserts.
  it('"Insert Missing Sections" after an indented continuation line inserts a list item, not a sub-bullet', async () => {
    const editor = await open('indented-list.star.md');
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR002'));
    editor.selection = new vscode.Selection(3, 4, 3, 4);
    await vscode.commands.executeCommand('starCoach.insertMissingSections');
    assert.equal(
      editor.document.getText(),
      [
        '## Tell me about a time you calmed a noisy on-call rotation',
        '',
        '- **Situation:** The same two people were paged',
        '  almost every night for a month.',
        '- **Task:** What were you responsible for, and what did success look like?',
        '- **Action:** I wrote runbooks and split the rotation across the team.',
        '- **Result:** Night pages fell 60% in 6 weeks.',
        '- **Reflection:** I would ask for help sooner next time.',
        '',
      ].join('\n'),
    );
    // The inserted prompt is a tab stop, selected for typing over.
    assert.equal(editor.document.getText(editor.selection), 'What were you responsible for, and what did success look like?');
    await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => codeOf(x) === 'STAR002'));
  });

  it('the CodeLens command after 2-space-indented paragraphs inserts sections with the same 2 spaces, which read back as sections', async () => {
    const editor = await open('indented-paragraphs.star.md');
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    await vscode.commands.executeCommand('starCoach.insertMissingSectionsForAnswer', editor.document.uri, 0);
    const text = editor.document.getText();
    assert.ok(
      text.endsWith(
        '  **Action:** I cached the dependencies and split the tests into shards.\n\n' +
          '  **Result:** What changed, in numbers? For example: it went from X to Y in Z weeks.\n\n' +
          '  **Reflection:** What did you learn, and what would you do differently next time?\n',
      ),
      JSON.stringify(text),
    );
    // With 4 spaces the Result would be a code block, and still reported missing.
    await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => ['STAR004', 'STAR005'].includes(codeOf(x))));
  });

  it('"Insert Missing Sections" computes its edits from the text it changes, also when the text changed while the editor opened', async () => {
    await open('README.md');
    const document = await vscode.workspace.openTextDocument(workspaceFile('version-race.star.md'));
    await waitForDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    // The command opens the draft's editor; this edit reaches VS Code first.
    const running = vscode.commands.executeCommand('starCoach.insertMissingSectionsForAnswer', document.uri, 0);
    const note = new vscode.WorkspaceEdit();
    note.insert(document.uri, new vscode.Position(0, 0), '<!-- written on the train -->\n');
    assert.ok(await vscode.workspace.applyEdit(note));
    await running;
    assert.equal(
      document.getText(),
      [
        '<!-- written on the train -->',
        '## Tell me about a time you retired a legacy service',
        '',
        'Situation: An old billing service had no owner.',
        'Task: I was asked to retire it within a quarter.',
        'Action: I moved its last two callers to the new API.',
        'Result: What changed, in numbers? For example: it went from X to Y in Z weeks.',
        'Reflection: What did you learn, and what would you do differently next time?',
        '',
      ].join('\n'),
    );
    await waitForDiagnostics(document.uri, (d) => !d.some((x) => MISSING.includes(codeOf(x))));
  });

  it('"Disable … for this file" puts a directive at the top that silences the rule in the whole file', async () => {
    const editor = await open('missing-result.star.md');
    const [missing] = (await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR004'))).filter((d) => codeOf(d) === 'STAR004');
    const title = 'Disable missing-result for this file';
    const disable = (await codeActionsAt(editor.document.uri, missing, undefined, title)).find((a) => a.title === title);
    assert.ok(disable, title);
    await applyAction(disable);
    assert.ok(editor.document.getText().startsWith('<!-- star-coach-disable missing-result -->\n\n## Tell me about a time you cut checkout latency\n'), editor.document.getText());
    const after = await waitForDiagnostics(editor.document.uri, (d) => !d.some((x) => codeOf(x) === 'STAR004'));
    // Only that rule: the answer is still checked for the rest.
    assert.ok(after.every((d) => codeOf(d) !== 'STAR004'));
    const lenses = await starLenses(editor.document.uri);
    assert.equal(lenses.length, 1, 'the answer is still analyzed');
  });

  it('clears a file\'s findings when the file is closed', async () => {
    const uri = workspaceFile('plain-labels.star.md');
    // Opened as a person opens it: no extension holds the document, so closing the editor closes it.
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    const closed = waitForEvent(vscode.workspace.onDidCloseTextDocument, (document) => document.uri.toString() === uri.toString(), 'plain-labels.star.md to close', 30_000);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await closed;
    await waitForDiagnostics(uri, (d) => d.length === 0);
  });

  it('gives copies of a draft in other schemes (like git: quick diff) no findings, CodeLens, outline or hover', async () => {
    const text = (await vscode.workspace.openTextDocument(workspaceFile('bank-linked.star.md'))).getText();
    const registration = vscode.workspace.registerTextDocumentContentProvider('star-test-copy', { provideTextDocumentContent: () => text });
    try {
      const copy = await vscode.workspace.openTextDocument(vscode.Uri.parse('star-test-copy:/bank-linked.star.md'));
      assert.equal(copy.languageId, 'markdown');
      await vscode.window.showTextDocument(copy, { preview: false });
      // A draft opened afterwards is analyzed after the copy: once it has findings, the copy was looked at.
      const draft = await untitledDraft(text);
      await waitForDiagnostics(draft.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR008'));
      assert.deepEqual(starDiagnostics(copy.uri).map(codeOf), []);
      assert.deepEqual(await starLenses(copy.uri), []);
      assert.deepEqual(await starSymbols(copy.uri), []);
      assert.doesNotMatch(await hoverText(copy.uri, new vscode.Position(1, 3)), /Why it is asked/);
      // The same text as a real document gets all of them.
      assert.equal((await starLenses(draft.document.uri)).length, 1);
      assert.equal((await starSymbols(draft.document.uri)).length, 1);
      assert.match(await hoverText(draft.document.uri, new vscode.Position(1, 3)), /Why it is asked/);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      registration.dispose();
    }
  });

  // The reader learns each draft's label style, so a new label can change how another answer
  // reads (here a third bold word makes bold words the scheme, and the letter heading `S` over
  // `-` below no longer reads as a Situation). Such a fix is checked when chosen and not made.
  it('a quick fix whose label would change another answer is not applied, and says so', async () => {
    const editor = await open('withheld-fix.star.md');
    const uri = editor.document.uri;
    const text = editor.document.getText();
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR004' && x.range.start.line === 0));
    const missing = diagnostics.find((x) => codeOf(x) === 'STAR004' && x.range.start.line === 0)!;
    const actions = await codeActionsAt(uri, missing, vscode.CodeActionKind.QuickFix.value, 'Insert Result section');
    const fix = actions.find((a) => a.title === 'Insert Result section');
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.edit, undefined);
    await applyAction(fix);
    assert.equal(editor.document.getText(), text);
    // A fix that keeps every answer is still made: the second answer's Reflection.
    const reflection = starDiagnostics(uri).find((x) => codeOf(x) === 'STAR005' && x.range.start.line === 6)!;
    const reflectionFix = (await codeActionsAt(uri, reflection, vscode.CodeActionKind.QuickFix.value, 'Insert Reflection section')).find((a) => a.title === 'Insert Reflection section');
    assert.ok(reflectionFix?.edit, 'the Reflection fix has an edit');
  });
});

describe('STAR Coach hover in VS Code', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('shows the linked bank question\'s coaching notes on the front matter line and the answer title, with covered key points ticked', async () => {
    const editor = await open('bank-linked.star.md');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR008'));
    for (const position of [new vscode.Position(1, 5), new vscode.Position(4, 10)]) {
      const text = await hoverText(uri, position);
      assert.match(text, /\*\*Tell me about a time several people each told you their request was urgent/, `line ${position.line + 1}: ${text}`);
      assert.match(text, /Why it is asked/);
      // "at the same time" is one of that point's signals; the answer says it.
      assert.match(text, /✓ Laid out the competing requests and constraints/);
      assert.match(text, /✗ Told the people who had to wait/);
    }
    // Not on the body of the answer.
    assert.doesNotMatch(await hoverText(uri, new vscode.Position(6, 20)), /Why it is asked/);
  });
});
