import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, setSetting, starDiagnostics, starSettings, untitledDraft, waitForDiagnostics } from './helpers';

/** Quick-fix titles VS Code offers at a line, as Ctrl+. there would list them. */
async function actionsAt(uri: vscode.Uri, line: number): Promise<vscode.CodeAction[]> {
  const range = new vscode.Range(line, 2, line, 2);
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}
const treatTitles = (actions: vscode.CodeAction[]): string[] => actions.filter((a) => a.title.startsWith('Treat ')).map((a) => a.title);

/** Resolves on the next change to a starCoach setting. */
function settingChanged(key: string): Promise<void> {
  return new Promise((resolve) => {
    const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`starCoach.${key}`)) {
        subscription.dispose();
        resolve();
      }
    });
  });
}

/** How a missing-part message begins when some of the answer's parts were read from its sentences. */
const READS_AS = /read as/;

const SETTING_DRAFT = [
  '## Tell me about a time you fixed a flaky release',
  '',
  '**Backdrop:** Our weekly release failed one time in three.',
  '',
  '**Task:** I owned the release pipeline.',
  '',
  '**Action:** I split the slow tests into shards.',
  '',
  '**Result:** Failed releases fell from 30% to 2% in a month.',
  '',
  '**Important** this line is bold but it is not a label.',
  '',
].join('\n');

describe('Toggle STAR Coach and "Treat … as …" for unknown labels', () => {
  afterEach(async () => {
    await setSetting('enable', undefined);
    await setSetting('synonyms', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Toggle STAR Coach turns it off in the workspace and back on', async () => {
    const editor = await untitledDraft('## Tell me about a time\n\n**Situation:** a.\n\n**Task:** b.\n');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR003'));

    let changed = settingChanged('enable');
    await vscode.commands.executeCommand('starCoach.toggle');
    await changed;
    assert.equal(starSettings().inspect('enable')?.workspaceValue, false);
    await waitForDiagnostics(uri, (d) => d.length === 0);

    changed = settingChanged('enable');
    await vscode.commands.executeCommand('starCoach.toggle');
    await changed;
    assert.equal(starSettings().inspect('enable')?.workspaceValue, true);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR003'));
  });

  it('offers "Treat \'Backdrop\' as Situation" on an unknown bold label and adds it to the workspace synonyms', async () => {
    const editor = await untitledDraft(SETTING_DRAFT);
    const uri = editor.document.uri;
    // Unlabelled, the Backdrop paragraph reads as the Situation (inferred), so only the Reflection is reported missing.
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR005' && READS_AS.test(x.message)));

    const actions = await actionsAt(uri, 2);
    // No label says Situation or Reflection; the Situation fits above the Task, so it comes first and is preferred.
    assert.deepEqual(treatTitles(actions), ["Treat 'Backdrop' as Situation", "Treat 'Backdrop' as Reflection"]);
    const situation = actions.find((a) => a.title === "Treat 'Backdrop' as Situation")!;
    assert.equal(situation.isPreferred, true);

    const changed = settingChanged('synonyms');
    await vscode.commands.executeCommand(situation.command!.command, ...(situation.command!.arguments ?? []));
    await changed;
    assert.deepEqual(starSettings().inspect('synonyms')?.workspaceValue, { situation: ['Backdrop'] });
    // Read from its label now, the Situation is no longer inferred, and the message no longer says what the sentences read as.
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR005' && !READS_AS.test(x.message)));
    // Now a known label, it is offered no more.
    assert.deepEqual(treatTitles(await actionsAt(uri, 2)), []);
  });

  it('keeps the synonyms already in the workspace settings', async () => {
    await setSetting('synonyms', { result: ['Payoff'] });
    const editor = await untitledDraft('## Tell me about a time\n\n**Premise:** a.\n\n**Task:** b.\n\n**Action:** c.\n');
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR001'));
    const action = (await actionsAt(editor.document.uri, 2)).find((a) => a.title === "Treat 'Premise' as Situation");
    assert.ok(action);
    const changed = settingChanged('synonyms');
    await vscode.commands.executeCommand(action.command!.command, ...(action.command!.arguments ?? []));
    await changed;
    assert.deepEqual(starSettings().inspect('synonyms')?.workspaceValue, { result: ['Payoff'], situation: ['Premise'] });
  });

  it('is not offered on known labels, the title, bold text that is not a label, or a label far from any answer', async () => {
    const editor = await untitledDraft(SETTING_DRAFT);
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.length > 0);
    for (const line of [0, 4, 6, 10]) assert.deepEqual(treatTitles(await actionsAt(uri, line)), [], `line ${line + 1}`);
    assert.ok(starDiagnostics(uri).length > 0);

    const far = await untitledDraft('**Note:** written long before the answer.\n\nSome notes.\n\nMore notes.\n\n' + SETTING_DRAFT);
    await waitForDiagnostics(far.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR005'));
    assert.deepEqual(treatTitles(await actionsAt(far.document.uri, 0)), []);
    assert.deepEqual(treatTitles(await actionsAt(far.document.uri, 8)), ["Treat 'Backdrop' as Situation", "Treat 'Backdrop' as Reflection"]);
  });
});
