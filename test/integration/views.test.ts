// Every view of an answer tells the same truth: the CodeLens, the status bar, the Outline and
// the Problems panel are checked against the same drafts under two configurations (all five
// parts required, the default; only Situation, Action and Result required by a
// .starcoachrc.json), and against a fresh draft from a bank question.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { StarCoachApi } from '../../src/vscode/extension';
import { codeOf, starDiagnostics, waitForDiagnostics, workspaceFile } from './helpers';

const EXTENSION_ID = 'star-coach.star-coach';
const DRAFTS = ['sar.star.md', 'no-reflection.star.md', 'empty-reflection.star.md'];
/** The second configuration: the same drafts copied next to a .starcoachrc.json. */
const SAR_FOLDER = 'views-sar';

async function api(): Promise<StarCoachApi> {
  const extension = vscode.extensions.getExtension<StarCoachApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.activate();
}

/** Asks again (bounded) until `read` gives a value `done` accepts; returns the last value. */
async function eventually<T>(read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function openAt(uri: vscode.Uri, line: number): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  const position = new vscode.Position(line, 0);
  return vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
}

/** The STAR Coach lens titles of a document (the built-in markdown providers add none with "spoken"). */
async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.map((lens) => lens.command?.title ?? '').filter((title) => title.includes('spoken'));
}

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return all.filter((lens) => lens.command?.title.includes('spoken'));
}

/** The STAR Coach answer symbols of a document, with their section children. */
async function answerSymbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
  return symbols.filter((symbol) => symbol.detail?.startsWith('STAR '));
}

/** The status bar once it shows `text` (or hides, for undefined). */
async function statusBarShowing(text: string | undefined): Promise<StarCoachApi['statusBar']> {
  const coach = await api();
  const state = await eventually(
    () => coach.statusBar,
    (s) => (text === undefined ? !s.visible : s.visible && s.text === text),
  );
  assert.equal(state.visible ? state.text : undefined, text, state.tooltip);
  return state;
}

// These drafts are about the STAR parts; the coaching rules (STAR009+, coaching.test.ts) are left out.
const isStructural = (code: string): boolean => Number(code.slice(4)) <= 8;
const codes = (uri: vscode.Uri): string[] => starDiagnostics(uri).map(codeOf).filter(isStructural).sort();

/** What each draft looks like under a configuration; the same drafts, two configurations. */
interface Expected {
  lens: RegExp;
  status: string;
  tooltip: string[];
  problems: string[];
  outline: string;
  sections: string[];
  /** What clicking the status bar does: insert (the missing parts), go (to an empty part) or nothing. */
  click: 'insert' | 'go' | 'nothing';
}

// Then each written part's spoken time and the score (docs/scoring.md).
const WORDS = '\\d+ words · ~0:\\d\\d spoken(?: \\([^)]*\\))? · \\d+/100';
const ALL_FIVE: Record<string, Expected> = {
  'sar.star.md': {
    lens: new RegExp(`^S ✓ {2}T ✗ {2}A ✓ {2}R ✓ {2}Reflection ✗ · ${WORDS}$`),
    status: '$(checklist) STAR 3/5',
    tooltip: ['3 of 5 required parts written.', 'Missing: Task and Reflection. Click to insert them.'],
    problems: ['STAR002', 'STAR005'],
    outline: 'STAR 3/5',
    sections: ['13 words', '18 words', '12 words'],
    click: 'insert',
  },
  'no-reflection.star.md': {
    lens: new RegExp(`^S ✓ {2}T ✓ {2}A ✓ {2}R ✓ {2}Reflection ✗ · ${WORDS}$`),
    status: '$(checklist) STAR 4/5',
    tooltip: ['4 of 5 required parts written.', 'Missing: Reflection. Click to insert it.'],
    problems: ['STAR005'],
    outline: 'STAR 4/5',
    sections: ['13 words', '11 words', '19 words', '12 words'],
    click: 'insert',
  },
  'empty-reflection.star.md': {
    lens: new RegExp(`^S ✓ {2}T ✓ {2}A ✓ {2}R ✓ {2}Reflection ○ · ${WORDS}$`),
    status: '$(checklist) STAR 4/5',
    tooltip: ['4 of 5 required parts written.', 'Not written yet: Reflection. Click to go to Reflection.'],
    problems: ['STAR007'],
    outline: 'STAR 4/5',
    sections: ['10 words', '5 words', '16 words', '13 words', 'not written'],
    click: 'go',
  },
};
const ONLY_SAR: Record<string, Expected> = {
  'sar.star.md': {
    lens: new RegExp(`^S ✓ {2}T – {2}A ✓ {2}R ✓ {2}Reflection – · ${WORDS}$`),
    status: '$(checklist) STAR 3/3',
    tooltip: ['All 3 required parts are written.', 'Optional, not there: Task and Reflection.'],
    problems: [],
    outline: 'STAR 3/3',
    sections: ['13 words', '18 words', '12 words'],
    click: 'nothing',
  },
  'no-reflection.star.md': {
    lens: new RegExp(`^S ✓ {2}T ✓ {2}A ✓ {2}R ✓ {2}Reflection – · ${WORDS}$`),
    status: '$(checklist) STAR 3/3',
    tooltip: ['All 3 required parts are written.', 'Optional, not there: Reflection.'],
    problems: [],
    outline: 'STAR 3/3',
    sections: ['13 words', '11 words · optional', '19 words', '12 words'],
    click: 'nothing',
  },
  'empty-reflection.star.md': {
    lens: new RegExp(`^S ✓ {2}T ✓ {2}A ✓ {2}R ✓ {2}Reflection ○ · ${WORDS}$`),
    status: '$(checklist) STAR 3/3',
    tooltip: ['All 3 required parts are written.', 'Not written yet: Reflection (optional). Click to go to Reflection.'],
    problems: ['STAR007'],
    outline: 'STAR 3/3',
    sections: ['10 words', '5 words · optional', '16 words', '13 words', 'not written · optional'],
    click: 'go',
  },
};

/** The first line of the answer in each draft, where the cursor goes for the status bar. */
const ANSWER_LINE: Record<string, number> = { 'sar.star.md': 2, 'no-reflection.star.md': 2, 'empty-reflection.star.md': 6 };

function describeConfiguration(name: string, folder: string, expected: Record<string, Expected>): void {
  describe(`every view agrees: ${name}`, () => {
    afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

    for (const draft of DRAFTS) {
      const want = expected[draft];
      it(`${draft}: CodeLens, status bar, Outline and Problems`, async () => {
        const uri = workspaceFile(`${folder}/${draft}`);
        const editor = await openAt(uri, ANSWER_LINE[draft]);

        const titles = await eventually(() => lensTitles(uri), (t) => t.length === 1 && want.lens.test(t[0]));
        assert.equal(titles.length, 1, titles.join(' | '));
        assert.match(titles[0], want.lens);

        const status = await statusBarShowing(want.status);
        const [title, ...lines] = status.tooltip.split('\n');
        assert.match(title, /^Tell me about a time/);
        assert.deepEqual(lines.slice(0, -1), want.tooltip);
        assert.match(lines[lines.length - 1], /^\d+ words/);

        // Hovering the answer's title says the same, with the same marks as the lens.
        const title0 = ANSWER_LINE[draft] - 2;
        const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(title0, 4))) ?? [];
        const hoverText = hovers
          .flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : c.value)))
          .join('\n')
          .replace(/\\(.)/g, '$1');
        assert.ok(hoverText.includes(titles[0]), hoverText);
        assert.ok(hoverText.includes(want.tooltip[0]), hoverText);

        const [symbol] = await answerSymbols(uri);
        assert.ok(symbol, 'an answer in the Outline');
        assert.match(symbol.detail, new RegExp(`^${want.outline} · \\d+ words$`));
        assert.deepEqual(symbol.children.map((child) => child.detail), want.sections);

        await waitForDiagnostics(uri, (d) => d.map(codeOf).filter(isStructural).sort().join() === want.problems.join());
        assert.deepEqual(codes(uri), want.problems);

        // The click does what the tooltip said.
        const lens = (await lenses(uri))[0];
        if (want.click === 'nothing') {
          assert.equal(status.command, undefined);
          assert.equal(lens.command?.command, '');
        } else if (want.click === 'go') {
          assert.equal(status.command?.command, 'vscode.open');
          await vscode.commands.executeCommand(status.command!.command, ...(status.command!.arguments ?? []));
          await eventually(() => vscode.window.activeTextEditor?.selection.active.line, (line) => line === editor.document.lineCount - 2);
          assert.match(editor.document.lineAt(vscode.window.activeTextEditor!.selection.active.line).text, /^\*\*Reflection:\*\*/);
        } else {
          assert.equal(lens.command?.command, status.command?.command);
          await vscode.commands.executeCommand(status.command!.command, ...(status.command!.arguments ?? []));
          await eventually(() => editor.document.getText(), (text) => /\*\*Reflection:\*\* What did you learn/.test(text));
          assert.match(editor.document.getText(), /\*\*Reflection:\*\* What did you learn/);
          // What was inserted is a prompt, not writing: the part is there but not written.
          await eventually(() => lensTitles(uri), (t) => /Reflection ○/.test(t[0] ?? ''));
          assert.match((await lensTitles(uri))[0], /Reflection ○/);
          await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'STAR007') && !d.some((x) => ['STAR002', 'STAR005', 'STAR006'].includes(codeOf(x))));
        }
      });
    }
  });
}

describe('views: the same drafts under two configurations', () => {
  before(async () => {
    const folder = workspaceFile(SAR_FOLDER);
    await vscode.workspace.fs.createDirectory(folder);
    for (const draft of DRAFTS) await vscode.workspace.fs.copy(workspaceFile(`views/${draft}`), vscode.Uri.joinPath(folder, draft), { overwrite: true });
    const rc = JSON.stringify({ requiredSections: ['situation', 'action', 'result'] });
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '.starcoachrc.json'), new TextEncoder().encode(rc));
  });

  describeConfiguration('all five parts required (the default)', 'views', ALL_FIVE);
  describeConfiguration('only Situation, Action and Result required (.starcoachrc.json)', SAR_FOLDER, ONLY_SAR);

  it('the status bar shows no count with the cursor on the file\'s own title, outside any answer', async () => {
    const editor = await openAt(workspaceFile('views/empty-reflection.star.md'), 0);
    await statusBarShowing(undefined);
    editor.selection = new vscode.Selection(6, 0, 6, 0);
    await statusBarShowing('$(checklist) STAR 4/5');
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    await statusBarShowing(undefined);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the settings route: starCoach.requiredSections makes the same answer ready', async () => {
    const config = vscode.workspace.getConfiguration('starCoach');
    await config.update('requiredSections', ['situation', 'action', 'result'], vscode.ConfigurationTarget.Workspace);
    try {
      const uri = workspaceFile('views/sar.star.md');
      await openAt(uri, 2);
      const titles = await eventually(() => lensTitles(uri), (t) => /T –/.test(t[0] ?? ''));
      assert.match(titles[0], /^S ✓ {2}T – {2}A ✓ {2}R ✓ {2}Reflection – /);
      await statusBarShowing('$(checklist) STAR 3/3');
      await waitForDiagnostics(uri, (d) => !d.some((x) => isStructural(codeOf(x))));
    } finally {
      await config.update('requiredSections', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});

describe('views: a fresh draft from a bank question', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('New Answer Draft from Question: every part shows as not written, STAR 0/5, and no metrics finding for the Result prompt', async () => {
    await vscode.commands.executeCommand('starCoach.bank.newDraft', 'ambiguity-vague-requirements');
    const editor = vscode.window.activeTextEditor!;
    const { uri } = editor.document;
    assert.ok(uri.path.endsWith('ambiguity-vague-requirements.star.md'), uri.path);
    await eventually(() => editor.document.getText(), (text) => text.includes('**Reflection:**'));

    const titles = await eventually(() => lensTitles(uri), (t) => t.length === 1 && t[0].startsWith('S ○'));
    assert.match(titles[0], /^S ○ {2}T ○ {2}A ○ {2}R ○ {2}Reflection ○ · /);

    // The cursor is on the Situation prompt, inside the answer.
    const status = await statusBarShowing('$(checklist) STAR 0/5');
    assert.ok(status.tooltip.includes('Not written yet: Situation (only the prompt), Task (only the prompt), Action (only the prompt), Result (only the prompt), Reflection (only the prompt).'), status.tooltip);

    const [symbol] = await answerSymbols(uri);
    assert.match(symbol.detail, /^STAR 0\/5 · /);
    assert.deepEqual(symbol.children.map((child) => child.detail), ['only the prompt', 'only the prompt', 'only the prompt', 'only the prompt', 'only the prompt']);

    const diagnostics = await waitForDiagnostics(uri, (d) => d.filter((x) => codeOf(x) === 'STAR007').length === 5);
    assert.deepEqual(diagnostics.filter((d) => codeOf(d) === 'STAR006'), [], 'a prompt gets no metrics finding');
  });
});
