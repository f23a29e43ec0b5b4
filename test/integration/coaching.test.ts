import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, hoverText, open, starLenses, waitForDiagnostics } from './helpers';

describe('Coaching in VS Code: findings, the score and follow-ups', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeActiveEditor'));

  it('reports the coaching rules as information on the sentences concerned', async () => {
    const editor = await open('coaching.star.md');
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => ['STAR009', 'STAR013', 'STAR014'].every((code) => d.some((x) => codeOf(x) === code)));
    const ownership = diagnostics.filter((d) => codeOf(d) === 'STAR009');
    assert.ok(ownership.every((d) => d.severity === vscode.DiagnosticSeverity.Information));
    const texts = ownership.map((d) => editor.document.getText(d.range));
    assert.ok(texts.includes('We met every morning.'), texts.join(' | '));
    assert.ok(texts.includes('were decommissioned'), texts.join(' | '));
    const vague = diagnostics.find((d) => codeOf(d) === 'STAR013')!;
    assert.equal(editor.document.getText(vague.range), 'significantly');
  });

  it('ends the CodeLens with the score and shows each written part\'s spoken time', async () => {
    const editor = await open('coaching.star.md');
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR009'));
    const titles = (await starLenses(editor.document.uri)).map((lens) => lens.command?.title ?? '');
    assert.ok(titles.some((t) => /spoken \(S 0:\d\d, T 0:\d\d, A 0:\d\d, R 0:\d\d\) · \d+\/100$/.test(t)), titles.join(' | '));
  });

  it('shows the score, its dimensions with links to lines, and follow-up questions in the title hover', async () => {
    const editor = await open('coaching.star.md');
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'STAR009'));
    const text = await hoverText(editor.document.uri, new vscode.Position(0, 6));
    const total = /Score (\d+)\/100/.exec(text);
    assert.ok(total, text);
    const lens = (await starLenses(editor.document.uri))[0].command!.title;
    assert.ok(lens.endsWith(` · ${total[1]}/100`), `${lens} vs ${total[0]}`);
    for (const dimension of ['Structure', 'Result and metrics', 'Ownership', 'Specificity', 'Balance and length', 'Reflection']) assert.ok(text.includes(`| ${dimension} |`), dimension);
    // Each piece of evidence links to its line in this document.
    assert.ok(text.includes(`${editor.document.uri.with({ fragment: 'L7' }).toString()}`), text);
    assert.ok(text.includes('What did you personally do?'), text);
    assert.ok(text.includes('What would you do differently?'), text);
    assert.ok(text.includes('How did you measure the result?'), text);
  });
});
