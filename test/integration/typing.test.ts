import { strict as assert } from 'node:assert';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { storyBank } from '../../scripts/story-bank';
import { codeOf, keepProfile, longestRun, ownFrame, ownRunBound, startProfiler, starDiagnostics, waitForDiagnostics, workspaceFile } from './helpers';

/**
 * Typing in the 200k-word bench bank (1.16 MB) in the real extension host: the findings
 * follow the typing, and STAR Coach never holds the host's main thread for long. This suite
 * runs in the extension host, so its event-loop delay is the host's; the host also runs VS
 * Code's own markdown extensions, so a CPU profile of this thread tells STAR Coach's share.
 */
describe('typing in the 200k-word bench bank', function () {
  this.timeout(240_000);

  it('updates the findings after 50 typed characters without stalling the extension host', async () => {
    const uri = workspaceFile('bench-bank.star.md');
    const text = storyBank(200_000);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    try {
      await typeAndMeasure(uri, document, editor, text);
    } finally {
      // The bank must not stay open for the suites after this one, whatever happened here.
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });
});

async function typeAndMeasure(uri: vscode.Uri, document: vscode.TextDocument, editor: vscode.TextEditor, text: string): Promise<void> {
  await waitForDiagnostics(uri, (d) => d.length > 0, 120_000);
  // A list this long is published in shares, a turn each: wait until the last has arrived.
  const before = await settledDiagnostics(uri, 1000);

  // A new story in the middle, typed one character at a time: its missing parts are new findings.
  const middle = text.indexOf('\n## ', text.length >> 1) + 1;
  const typed = '## Tell me about a time\n\nSituation: we lost data\n\n';
  assert.equal(typed.length, 50);
  const line = document.positionAt(middle).line;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const profiler = await startProfiler();
  delay.enable();
  let position = document.positionAt(middle);
  for (const character of typed) {
    await editor.edit((edit) => edit.insert(position, character), { undoStopBefore: false, undoStopAfter: false });
    position = character === '\n' ? new vscode.Position(position.line + 1, 0) : position.translate(0, 1);
  }
  // The story that was at `line` is now 4 lines down: its findings moved with it once the
  // analysis after the pause is published, and the typed story has findings of its own.
  const movedStory = before.filter((d) => d.range.start.line === line).map((d) => `${codeOf(d)}@${line + 4}`);
  const after = await waitForDiagnostics(
    uri,
    (d) => {
      const here = new Set(d.map((x) => `${codeOf(x)}@${x.range.start.line}`));
      return movedStory.every((key) => here.has(key)) && d.some((x) => x.range.start.line === line);
    },
    60_000,
  );
  delay.disable();
  const profile = await profiler.stop();
  const maxMs = delay.max / 1e6;
  const ours = longestRun(profile, ownFrame());
  console.log(`      event-loop delay while typing: max ${maxMs.toFixed(0)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms; STAR Coach's longest run on this thread ${ours.toFixed(0)} ms; findings ${before.length} → ${after.length}`);
  assert.ok(after.length > before.length, `the new story adds findings (${before.length} → ${after.length})`);
  // The target: STAR Coach holds this thread for at most 50 ms at a time (see ownRunBound).
  // Measured (2 cores): 43-78 ms at loads of 6-9 (bounds 150-220 ms); the slowest runs are
  // the first Outline and CodeLens of the bank's 1,551 answers, publishing its 3,900 findings
  // (VS Code serializes the whole list) and merging a reply. With the findings published in
  // shares of 500: 17-34 ms at a load of 8 (the Outline 17 ms, making the findings 15 ms).
  const { bound, load } = ownRunBound();
  if (ours >= bound || process.env.STAR_KEEP_PROFILE) console.log(`      the profile, to open in DevTools: ${keepProfile(profile)}`);
  assert.ok(ours < bound, `STAR Coach held the extension host's main thread for ${ours.toFixed(0)} ms at a time (bound ${bound.toFixed(0)} ms at a load of ${load.toFixed(1)})`);
  // The host's event-loop delay as a whole is printed, not bounded: it is mostly VS Code's own
  // markdown extension, which sends the whole 1.16 MB text to its language server and parses
  // it again after edits, for 100-500 ms at a time here (typing the same with STAR Coach
  // turned off: max 70 ms at a load of 7, once the bank's first indexing is over; with STAR
  // Coach 390-1,260 ms at loads of 5-9). A return of whole-document work to this thread shows
  // in STAR Coach's own runs above.
}

/** A document's diagnostics once no change to them has come for `quietMs`. */
async function settledDiagnostics(uri: vscode.Uri, quietMs: number): Promise<vscode.Diagnostic[]> {
  let last = Date.now();
  const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
    if (event.uris.some((changed) => changed.toString() === uri.toString())) last = Date.now();
  });
  try {
    while (Date.now() - last < quietMs) await new Promise((resolve) => setTimeout(resolve, quietMs / 4));
  } finally {
    subscription.dispose();
  }
  return starDiagnostics(uri);
}
