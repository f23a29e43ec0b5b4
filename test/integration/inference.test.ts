// An answer told as prose, in a real VS Code: the CodeLens marks the parts read from its
// sentences, the missing Result is said in terms of what the sentences read as, and the
// "Label the STAR parts" quick fix writes the labels in.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { applyAction, codeActionsAt, codeOf, starLenses, untitledDraft, waitForDiagnostics } from './helpers';

const PROSE = [
  '## Tell me about a time you fixed something nobody owned',
  '',
  'Last year our team was drowning in flaky end-to-end tests. I was asked to make the suite trustworthy again. I tagged every test that failed twice in a week and I moved them to a quarantine job. Then I paired with each owner and rewrote the waits in the worst ten.',
  '',
].join('\n');

/** Lens titles once one of them matches, asked again (bounded) as the analysis lands. */
async function lensTitle(uri: vscode.Uri, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const titles = (await starLenses(uri)).map((lens) => lens.command?.title ?? '');
    const found = titles.find((title) => pattern.test(title));
    if (found || Date.now() > deadline) return found ?? titles.join(' | ');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('answers written as prose', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('marks inferred parts in the CodeLens and labels them with the quick fix', async () => {
    const editor = await untitledDraft(PROSE);
    const uri = editor.document.uri;
    assert.match(await lensTitle(uri, /^S ~/), /^S ~ {2}T ~ {2}A ~ {2}R ✗/);
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR004'));
    const missing = diagnostics.find((d) => codeOf(d) === 'STAR004')!;
    assert.match(missing.message, /^No Result: the last sentences read as Action\./);
    const actions = await codeActionsAt(uri, missing, undefined, 'Label the STAR parts');
    const label = actions.find((action) => action.title === 'Label the STAR parts');
    assert.ok(label, actions.map((a) => a.title).join(', '));
    await applyAction(label);
    const text = editor.document.getText();
    assert.match(text, /\n\n\*\*Situation:\*\* Last year/);
    assert.match(text, /tests\.\n\n\*\*Task:\*\* I was asked/);
    assert.match(await lensTitle(uri, /^S ✓/), /^S ✓ {2}T ✓ {2}A ✓ {2}R ✗/);
  });
});
