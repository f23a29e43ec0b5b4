import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, starDiagnostics, untitledDraft, waitForDiagnostics, waitForEvent } from './helpers';

/** Stories with a Situation and an Action only: each reports its Task and Result missing. */
const LONG_BANK = Array.from({ length: 400 }, (_, i) => `## Tell me about time ${i + 1}\n\n**Situation:** We had an outage.\n\n**Action:** I paged the team.\n`).join('\n');
/** A story missing only its Situation (and the optional Reflection). */
const SHORT_DRAFT = '## Tell me about a time\n\n**Task:** I owned the fix.\n\n**Action:** I rolled back.\n\n**Result:** Errors fell 40% in a week.\n';

describe('a draft closed while it is analyzed', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('hands none of its findings to the next untitled draft at the same address and version', async () => {
    // Closed right after it opens, while its first analysis runs in the worker: a result cached
    // after the close was once returned for the next `Untitled-1` at version 1.
    for (let round = 0; round < 3; round++) {
      const first = await untitledDraft(LONG_BANK);
      const closed = waitForEvent(vscode.workspace.onDidCloseTextDocument, (d) => d === first.document, 'the long draft to close', 30_000);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await closed;
      const second = await untitledDraft(SHORT_DRAFT);
      const uri = second.document.uri;
      await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR001'));
      // Still so a moment later: no late reply for the closed draft replaces them.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const codes = starDiagnostics(uri).map(codeOf);
      assert.ok(codes.includes('STAR001') && !codes.includes('STAR002') && !codes.includes('STAR004'), `round ${round}, ${uri.path}: ${codes.join(', ')}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
