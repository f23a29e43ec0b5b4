import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, hoverText, open, setSetting, starDiagnostics, starLenses, starSymbols, untitledDraft, waitForDiagnostics, workspaceFile } from './helpers';

const DRAFT = '## Tell me about a time you cut a slow query\n\nSituation: Search took 9 seconds.\nTask: I owned search.\nAction: I added an index.\n';

describe('STAR Coach settings that choose which files are checked', () => {
  afterEach(async () => {
    for (const key of ['enable', 'files.include', 'files.exclude', 'codeLens.enabled', 'wordsPerMinute']) await setSetting(key, undefined);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('starCoach.enable: false clears every finding and CodeLens; true brings them back', async () => {
    const editor = await open('missing-result.star.md');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    await setSetting('enable', false);
    await waitForDiagnostics(uri, (d) => d.length === 0);
    assert.deepEqual(await starLenses(uri), []);
    // (The outline is cached per document version by VS Code, so it is not asked again here.)
    await setSetting('enable', true);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    assert.equal((await starLenses(uri)).length, 1);
  });

  it('starCoach.files.exclude leaves matching files alone and checks the others', async () => {
    const excluded = await open('missing-result.star.md');
    await waitForDiagnostics(excluded.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    await setSetting('files.exclude', ['**/missing-result.star.md']);
    await waitForDiagnostics(excluded.document.uri, (d) => d.length === 0);
    const other = await open('plain-labels.star.md');
    await waitForDiagnostics(other.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    assert.deepEqual(starDiagnostics(excluded.document.uri), []);
    await setSetting('files.exclude', undefined);
    await waitForDiagnostics(excluded.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
  });

  it('starCoach.files.include makes matching files drafts even without the usual signs', async () => {
    const editor = await open('journal/week-1.md');
    const uri = editor.document.uri;
    // One label and no *.star.md name: not a draft by itself.
    assert.deepEqual(await starLenses(uri), []);
    await setSetting('files.include', ['**/journal/**']);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    assert.equal((await starLenses(uri)).length, 1);
  });

  for (const key of ['files.exclude', 'files.include']) {
    it(`a string in ${key} (where a list belongs) is reported and ignored: every provider keeps working`, async () => {
      await setSetting(key, '**/*.md');
      // A document opened now is analyzed with the string in force.
      const editor = await untitledDraft(DRAFT);
      const uri = editor.document.uri;
      // The default (no patterns) is used: the draft is checked, as it would be without the setting.
      await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
      assert.equal((await starLenses(uri)).length, 1);
      assert.equal((await starSymbols(uri)).length, 1);
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 5))) ?? [];
      assert.ok(actions.some((action) => action.title === 'Insert Result section'), actions.map((a) => a.title).join(' | '));
      // Not a draft by itself, and the ignored include does not make it one.
      const journal = await open('journal/week-1.md');
      assert.deepEqual(await starLenses(journal.document.uri), []);
      // Typing goes on being checked.
      const typing = await vscode.window.showTextDocument(editor.document);
      await typing.edit((edit) => edit.insert(new vscode.Position(5, 0), 'Result: it took 2 seconds.\n'));
      await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'STAR004'));
    });
  }

  it('the workspace check applies files.include and enable to files that are not open', async () => {
    // Neither file is opened by any test.
    const journal = workspaceFile('journal/week-2.md');
    const draft = workspaceFile('closed/unopened.star.md');
    await setSetting('files.include', ['**/journal/**']);
    await vscode.commands.executeCommand('starCoach.checkWorkspace');
    await waitForDiagnostics(draft, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    await waitForDiagnostics(journal, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    await setSetting('enable', false);
    await vscode.commands.executeCommand('starCoach.checkWorkspace');
    await waitForDiagnostics(draft, (d) => d.length === 0);
    await waitForDiagnostics(journal, (d) => d.length === 0);
  });

  it('starCoach.codeLens.enabled: false hides the CodeLens but keeps the findings', async () => {
    const editor = await open('missing-result.star.md');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    assert.equal((await starLenses(uri)).length, 1);
    await setSetting('codeLens.enabled', false);
    assert.deepEqual(await starLenses(uri), []);
    assert.ok(starDiagnostics(uri).some((x) => codeOf(x) === 'STAR004'));
    await setSetting('codeLens.enabled', true);
    assert.equal((await starLenses(uri)).length, 1);
  });

  it('a word in starCoach.wordsPerMinute is ignored: the CodeLens shows a spoken length at the default rate', async () => {
    await setSetting('wordsPerMinute', 'fast');
    const editor = await open('missing-result.star.md');
    const titles = (await starLenses(editor.document.uri)).map((lens) => lens.command!.title);
    assert.equal(titles.length, 1);
    assert.match(titles[0]!, /~\d+:\d\d spoken/);
    assert.doesNotMatch(titles[0]!, /NaN/);
  });
});

describe('STAR Coach typing settings', () => {
  afterEach(async () => {
    await setSetting('hideWhileTyping', undefined);
    await setSetting('debounceMs', undefined);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  // One edit on the Result line drops its number (a new STAR006 on that line) and adds a
  // Reflection (STAR005 on the title goes away). The refresh that removes STAR005 is the
  // one that holds STAR006 back; STAR006 follows once the writer has paused.
  async function typeOnResultLine(debounceMs: unknown): Promise<{ heldBack: boolean; heldMs: number; shownMs: number }> {
    await setSetting('debounceMs', debounceMs);
    await setSetting('hideWhileTyping', true);
    const editor = await untitledDraft('## Tell me about a time you sped up a page\n\nSituation: s.\nTask: t.\nAction: a.\nResult: it got 40% faster.\n');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR005'));
    const editedAt = Date.now();
    await editor.edit((edit) => edit.replace(new vscode.Range(5, 15, 6, 0), 'faster.\nReflection: I would measure first.\n'));
    const refreshed = await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'STAR005'));
    const heldMs = Date.now() - editedAt;
    const heldBack = !refreshed.some((x) => codeOf(x) === 'STAR006');
    const shown = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR006'));
    assert.equal(shown.find((x) => codeOf(x) === 'STAR006')!.range.start.line, 5);
    return { heldBack, heldMs, shownMs: Date.now() - editedAt };
  }

  it('hideWhileTyping keeps a new finding off the edited line while the writer types, and shows it after the pause', async () => {
    const { heldBack, heldMs, shownMs } = await typeOnResultLine(50);
    assert.ok(heldBack, 'the refresh after the edit did not show the new finding on the edited line');
    assert.ok(heldMs < 900, `the rest of the findings were updated ${heldMs} ms after the edit, within the 50 ms debounce`);
    // The pause is max(1 s, 4 × debounce).
    assert.ok(shownMs >= 900, `shown ${shownMs} ms after the edit`);
  });

  it('a word in starCoach.debounceMs is ignored (default 300 ms), so held-back findings still appear', async () => {
    const { heldBack, shownMs } = await typeOnResultLine('soon');
    assert.ok(heldBack);
    // Default debounce 300 ms: a pause of 1.2 s.
    assert.ok(shownMs >= 1100, `shown ${shownMs} ms after the edit`);
  });
});

describe('STAR Coach custom question banks in VS Code', () => {
  const bankFile = (): vscode.Uri => workspaceFile('.star-coach/questions.json');
  let original: Uint8Array | undefined;

  afterEach(async () => {
    if (original) await vscode.workspace.fs.writeFile(bankFile(), original);
    original = undefined;
    await setSetting('questionBanks', undefined);
    await vscode.commands.executeCommand('starCoach.bank.refresh');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('links answers to questions in .star-coach/questions.json, in findings and the hover', async () => {
    const editor = await open('custom-linked.star.md');
    const uri = editor.document.uri;
    const [coverage] = (await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR008'))).filter((x) => codeOf(x) === 'STAR008');
    assert.match(coverage!.message, /does not yet cover 1 of the 3 key points of "Tell me about a time you handed over an on-call rotation[^"]*": Measured the handover\./);
    const hover = await hoverText(uri, new vscode.Position(1, 5));
    assert.match(hover, /\*\*Tell me about a time you handed over an on-call rotation to a new team\.\*\*/);
    assert.match(hover, /✓ Wrote the runbooks down/);
    assert.match(hover, /✗ Measured the handover/);
    assert.match(hover, /From \.star-coach\/questions\.json/);
  });

  it('"Reload Question Banks" reads an edited bank file again', async () => {
    const editor = await open('custom-linked.star.md');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR008' && x.message.includes('Measured the handover')));
    original = await vscode.workspace.fs.readFile(bankFile());
    const edited = new TextDecoder().decode(original).replace('"Measured the handover"', '"Measured how the handover went"');
    await vscode.workspace.fs.writeFile(bankFile(), new TextEncoder().encode(edited));
    await vscode.commands.executeCommand('starCoach.bank.refresh');
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR008' && x.message.includes('Measured how the handover went')));
    assert.match(await hoverText(uri, new vscode.Position(1, 5)), /✗ Measured how the handover went/);
  });

  it('starCoach.questionBanks adds the questions of more bank files', async () => {
    const editor = await open('extra-linked.star.md');
    const uri = editor.document.uri;
    const [unknown] = (await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR008'))).filter((x) => codeOf(x) === 'STAR008');
    assert.match(unknown!.message, /links question "team-capacity-planning", which is not in the question bank/);
    await setSetting('questionBanks', ['banks/extra.json']);
    const [coverage] = (await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR008' && x.message.includes('key points')))).filter((x) => codeOf(x) === 'STAR008');
    assert.match(coverage!.message, /does not yet cover 1 of the 3 key points of "Tell me about a time you planned capacity[^"]*": Load-tested the estimate\./);
    assert.match(await hoverText(uri, new vscode.Position(1, 5)), /From banks\/extra\.json/);
  });
});
