import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { storyBank } from '../../scripts/story-bank';
import { keepProfile, longestRun, ownFrame, ownRunBound, startProfiler, waitForDiagnostics, workspaceFile } from './helpers';

/** The bench's scan (scripts/bench-scan.ts): 500 seeded drafts of about 320 words, about 1 MB. */
const DRAFTS = 500;
/** The pause between two keystrokes: a fast typist. */
const KEYSTROKE_MS = 25;

/**
 * The Story Bank's workspace scan of 500 drafts while the writer types in an open draft, in
 * the real extension host: the typing goes on throughout, the scan finishes, and STAR Coach
 * never holds the host's main thread for long (the bound of the typing suite).
 */
describe('the story bank scan of 500 drafts while typing', function () {
  this.timeout(240_000);

  it('keeps typing going and STAR Coach off the main thread for long while it scans', async () => {
    const folder = workspaceFile('scan-drafts');
    mkdirSync(folder.fsPath, { recursive: true });
    for (let i = 0; i < DRAFTS; i++) writeFileSync(join(folder.fsPath, `story-${String(i).padStart(3, '0')}.star.md`), storyBank(320, 1000 + i));
    const uri = workspaceFile('typing-during-scan.star.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('# Tell me about a time you fixed a flaky pipeline\n\n**Situation:** Our deploy pipeline failed about once a day.\n'));
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    try {
      await waitForDiagnostics(uri, (d) => d.length > 0, 60_000);
      await typeWhileScanning(uri, document, editor);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(uri);
      rmSync(folder.fsPath, { recursive: true, force: true });
    }
  });
});

async function typeWhileScanning(uri: vscode.Uri, document: vscode.TextDocument, editor: vscode.TextEditor): Promise<void> {
  const profiler = await startProfiler();
  const started = Date.now();
  let scanMs: number | undefined;
  const scan = Promise.resolve(vscode.commands.executeCommand('starCoach.storyBank.refresh')).then(() => (scanMs = Date.now() - started));
  // A new story typed at the end, a character at a time, for as long as the scan runs.
  const typed = '\n## Tell me about a time you disagreed with your manager\n\nSituation: we had to choose a database and I thought the plan was wrong. ';
  const line = document.lineCount;
  let expected = document.getText();
  let keystrokes = 0;
  let slowestKeystroke = 0;
  while (scanMs === undefined) {
    const character = typed[keystrokes % typed.length];
    const before = Date.now();
    await editor.edit((edit) => edit.insert(document.lineAt(document.lineCount - 1).range.end, character), { undoStopBefore: false, undoStopAfter: false });
    slowestKeystroke = Math.max(slowestKeystroke, Date.now() - before);
    expected += character;
    keystrokes++;
    await Promise.race([scan, new Promise((resolve) => setTimeout(resolve, KEYSTROKE_MS))]);
  }
  await scan;
  const profile = await profiler.stop();
  const ours = longestRun(profile, ownFrame());
  const { bound, load } = ownRunBound();
  console.log(`      scan of ${DRAFTS} drafts: ${scanMs} ms; ${keystrokes} keystrokes meanwhile, the slowest took ${slowestKeystroke} ms; STAR Coach's longest run on this thread ${ours.toFixed(0)} ms (bound ${bound.toFixed(0)} ms at a load of ${load.toFixed(1)})`);
  if (ours >= bound || process.env.STAR_KEEP_PROFILE) console.log(`      the profile, to open in DevTools: ${keepProfile(profile)}`);
  // The typing overlapped the scan: the scan took long enough for several keystrokes.
  assert.ok(keystrokes >= 5, `only ${keystrokes} keystrokes while the scan ran (${scanMs} ms)`);
  assert.equal(document.getText(), expected, 'every keystroke reached the document');
  assert.ok(ours < bound, `STAR Coach held the extension host's main thread for ${ours.toFixed(0)} ms at a time during the scan (bound ${bound.toFixed(0)} ms at a load of ${load.toFixed(1)})`);
  // The typed story is analyzed after the pause, as usual: it has findings of its own (no Result).
  await waitForDiagnostics(uri, (d) => d.some((x) => x.range.start.line >= line), 60_000);
}
