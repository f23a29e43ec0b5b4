import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, starDiagnostics, waitForDiagnostics, waitForEvent, workspaceFile } from './helpers';

/**
 * A draft with more findings than one diagnostic collection holds (500): they are published in
 * shares, and every view of them must still be the one list a single collection would show.
 */
describe('a draft with over a thousand findings', function () {
  this.timeout(60_000);
  const ANSWERS = 450;
  // Each answer has a Situation and an Action only: no Task, Result or Reflection.
  const answer = (n: number): string => `## Question ${n}\n\n**Situation:** Our team of ${n} shipped late.\n\n**Action:** I split the release into two parts.\n\n`;
  const text = `# Story bank\n\n${Array.from({ length: ANSWERS }, (_, i) => answer(i + 1)).join('')}`;
  const titleLine = (n: number): number => text.split('\n').indexOf(`## Question ${n}`);
  const key = (d: vscode.Diagnostic): string => `${codeOf(d)}@${d.range.start.line}`;
  const missingResult = (n: number) => (d: vscode.Diagnostic[]): boolean => d.some((x) => codeOf(x) === 'STAR004' && x.range.start.line === titleLine(n));

  it('shows every finding once, follows edits at both ends, and clears them all on close', async () => {
    const uri = workspaceFile('many-findings.star.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    // Opened as a person opens it: nothing else holds the document, so closing the editor closes it.
    await vscode.commands.executeCommand('vscode.open', uri);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.toString() === uri.toString(), 'the draft is the active editor');
    const { document } = editor;
    try {
      const all = await waitForDiagnostics(uri, (d) => d.length >= ANSWERS * 3 && missingResult(ANSWERS)(d), 30_000);
      assert.equal(new Set(all.map(key)).size, all.length, 'no finding is shown twice');
      for (const n of [1, 200, ANSWERS]) assert.ok(missingResult(n)(all), `answer ${n} has its missing-Result finding`);

      // A Result for the last answer (in the last share) and then for the first (in the first share).
      for (const n of [ANSWERS, 1]) {
        const before = starDiagnostics(uri);
        const line = titleLine(n) + 4; // the Action line
        await editor.edit((edit) => edit.insert(document.lineAt(line).range.end, '\n\n**Result:** We shipped 2 days early.'));
        const after = await waitForDiagnostics(uri, (d) => !missingResult(n)(d), 30_000);
        // Lines below the insert moved down by 2; every other finding is still there, once.
        const moved = (d: vscode.Diagnostic): string => `${codeOf(d)}@${d.range.start.line > line ? d.range.start.line + 2 : d.range.start.line}`;
        const expected = before.filter((d) => !(codeOf(d) === 'STAR004' && d.range.start.line === titleLine(n))).map(moved).sort();
        // The new Result may draw coaching of its own, inside its answer only.
        const kept = after.filter((d) => !(d.range.start.line >= titleLine(n) && d.range.start.line <= line + 2) || before.some((b) => key(b) === key(d)));
        assert.deepEqual(kept.map(key).sort(), expected, `after the Result of answer ${n}, exactly its finding is gone and all others stay`);
        assert.equal(new Set(after.map(key)).size, after.length, 'no finding is shown twice');
      }
      const closed = waitForEvent(vscode.workspace.onDidCloseTextDocument, (d) => d.uri.toString() === uri.toString(), 'the draft to close', 30_000);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await closed;
      await waitForDiagnostics(uri, (d) => d.length === 0);
    } finally {
      if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });
});
