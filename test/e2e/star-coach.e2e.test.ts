// STAR Coach in a real VS Code (code-server), driven through Chromium as a person would:
// Explorer clicks, the light bulb, the Problems panel, the Outline, the sidebar, snippets.
// Run by `npm run test:e2e` (scripts/e2e/run.mjs), which installs the packaged .vsix.
// A screenshot follows every step, in test-results/.
import { strict as assert } from 'node:assert';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbench } from './workbench';

const BANK_TEXTS = readdirSync(join(__dirname, '..', '..', 'src', 'bank', 'questions')).flatMap(
  (file) => (JSON.parse(readFileSync(join(__dirname, '..', '..', 'src', 'bank', 'questions', file), 'utf8')) as { questions: Array<{ text: string }> }).questions.map((q) => q.text),
);
const CONFLICT_QUESTION = 'Tell me about a time you disagreed with a decision your manager made. What did you do?';

const DRAFT = 'drafts/missing-result.star.md';
const INDENTED = 'drafts/indented-list.star.md';
const SETTINGS_DRAFT = 'drafts/settings-check.star.md';
/** The question bank's view in the STAR Coach sidebar, by its title. */
const BANK_VIEW = 'Questions';
const STATUS_ITEM = 'star-coach.star-coach.starCoach.status';
const SPEED_QUESTION = 'How do you decide where to draw the line between shipping fast and holding out for the highest quality and stability? Walk me through a real decision you made.';

describe('STAR Coach in VS Code (code-server)', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let failed = false;

  before(async function () {
    wb = await Workbench.open({ name: 'star-coach' });
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  after(async () => {
    await wb?.close({ failed });
  });

  it('1. shows STAR004 for an answer missing its Result, on the answer title, with a squiggle', async () => {
    await wb.openFile(DRAFT);
    const problem = await wb.waitForProblem((p) => p.file === 'missing-result.star.md' && p.code.includes('STAR004'));
    assert.equal(problem.line, 1, 'reported on the answer title');
    assert.equal(problem.severity, 'warning');
    assert.match(problem.source, /STAR Coach/);
    assert.match(problem.message, /no Result yet/);
    await wb.waitForSquiggle('warning');
    await wb.shot('missing-result-reported');
  });

  it('2. the light bulb inserts the Result as a heading like the others, and the finding goes away', async () => {
    await wb.applyQuickFix('Insert Result section', { line: 1 });
    await wb.waitForLine('### Result');
    // The prompt is a selected placeholder: typing replaces it.
    await wb.type('Both leads signed off within 2 days and the API shipped 3 weeks early.');
    await wb.save();
    const text = wb.readFile(DRAFT);
    assert.match(text, /### Action\n\nI wrote a one-page comparison[^\n]*\n\n### Result\n\nBoth leads signed off within 2 days and the API shipped 3 weeks early\.\n/);
    await wb.waitForNoProblem((p) => p.file === 'missing-result.star.md' && p.code.includes('STAR004'));
    await wb.shot('result-inserted');
  });

  it('3. the Outline lists the answer\'s STAR sections; the CodeLens and status bar show completeness', async () => {
    const outline = await wb.waitForOutline((items) => ['Situation', 'Task', 'Action', 'Result'].every((label) => items.some((i) => i.label === label)));
    assert.ok(outline.some((i) => i.label === 'Tell me about a time you disagreed with a teammate'), JSON.stringify(outline));
    await wb.openFile(DRAFT);
    const lens = await wb.waitForCodeLens(/^S ✓ {2}T ✓ {2}A ✓ {2}R ✓ {2}Reflection ✗ · \d+ words · ~0:\d\d spoken \(S 0:\d\d, T 0:\d\d, A 0:\d\d, R 0:\d\d\) · \d+\/100$/);
    assert.ok(lens);
    const status = await wb.waitForStatusBarItem(STATUS_ITEM, /STAR 4\/5/);
    assert.match(status.text, /STAR 4\/5/);
  });

  it('4. a README in the same workspace gets no diagnostics', async () => {
    await wb.openFile('README.md');
    // The status bar item hides for files that are not drafts: the README was analyzed.
    await wb.page.locator(`[id="${STATUS_ITEM}"]`).waitFor({ state: 'hidden' });
    const problems = await wb.problems();
    assert.deepEqual(problems.filter((p) => p.file === 'README.md'), []);
    await wb.shot('readme-quiet');
  });

  it('5. the Question Bank in the activity bar opens a new draft for a question', async () => {
    await wb.openViewContainer('STAR Coach');
    await wb.waitForTreeItems(BANK_VIEW, (items) => items.some((i) => i.label === 'Speed versus quality'));
    await wb.clickTreeItem(BANK_VIEW, 'Speed versus quality');
    await wb.waitForTreeItems(BANK_VIEW, (items) => items.some((i) => i.label === SPEED_QUESTION));
    await wb.clickTreeItemAction(BANK_VIEW, SPEED_QUESTION, 'New Answer Draft from Question');
    await wb.waitForActiveEditor(/speed-quality-drawing-the-line.*\.star\.md/);
    // The skeleton is inserted into the new editor once it is open.
    await wb.waitForLine('question: speed-quality-drawing-the-line');
    const text = await wb.editorText();
    assert.match(text, /^---\nquestion: speed-quality-drawing-the-line\n---\n\n# How do you decide where to draw the line/);
    for (const label of ['**Situation:**', '**Task:**', '**Action:**', '**Result:**', '**Reflection:**']) assert.ok(text.includes(label), label);
  });

  it('6. typing a bank snippet prefix offers the snippet, and accepting it inserts the skeleton', async () => {
    await wb.openFile('practice.md');
    await wb.goTo(3);
    await wb.type('star-conflict-disagreed');
    const suggestions = await wb.suggestions();
    assert.ok(suggestions.includes('star-conflict-disagreed-with-manager'), JSON.stringify(suggestions));
    await wb.acceptSuggestion('star-conflict-disagreed-with-manager');
    const text = await wb.editorText();
    assert.match(text, /# Tell me about a time you disagreed with a decision your manager made\. What did you do\?/);
    assert.match(text, /<!-- A strong answer covers:/);
    assert.match(text, /\*\*Situation:\*\*[\s\S]*\*\*Reflection:\*\*/);
  });

  it('7. the Question Bank filters (with a welcome view when nothing matches), picks a random question, inserts and copies', async () => {
    await wb.openFile('notes.md');
    await wb.goTo(3);
    await wb.openViewContainer('STAR Coach');

    await wb.clickViewAction('Filter Questions…');
    await wb.answerInput('speed');
    const filtered = await wb.waitForTreeItems(BANK_VIEW, (items) => items.some((i) => i.level === 2) && items.filter((i) => i.level === 1).length < 13);
    assert.ok(filtered.some((i) => i.label === 'Speed versus quality'), JSON.stringify(filtered.map((i) => i.label)));

    await wb.clickViewAction('Filter Questions…');
    await wb.answerInput('no-such-thing-anywhere');
    await wb.page.locator('.part.sidebar .welcome-view-content', { hasText: 'No question matches the filter' }).waitFor();
    await wb.shot('filter-matches-nothing');

    await wb.clickViewAction('Clear Question Filter');
    await wb.waitForTreeItems(BANK_VIEW, (items) => items.filter((i) => i.level === 1).length === 13);

    await wb.clickViewAction('Random Question');
    const toast = await wb.waitForNotification(/\?|\./);
    assert.ok(BANK_TEXTS.some((text) => toast.includes(text)), toast);
    await wb.clearNotifications();

    // The random question may have opened its category already; expand Conflict only if it is closed.
    const conflict = (await wb.treeItems(BANK_VIEW)).find((i) => i.label === 'Conflict');
    if (conflict?.expanded !== true) await wb.clickTreeItem(BANK_VIEW, 'Conflict');
    await wb.waitForTreeItems(BANK_VIEW, (items) => items.some((i) => i.label === CONFLICT_QUESTION));
    await wb.clickTreeItemAction(BANK_VIEW, CONFLICT_QUESTION, 'Insert Question at Cursor');
    await wb.waitForLine(`# ${CONFLICT_QUESTION}`);
    let text = await wb.editorText();
    assert.match(text, /^# Notes\n\n# Tell me about a time you disagreed with a decision your manager made\. What did you do\?\n/);
    assert.match(text, /\*\*Situation:\*\*[\s\S]*\*\*Reflection:\*\*/);

    await wb.clickTreeItemAction(BANK_VIEW, CONFLICT_QUESTION, 'Copy Question');
    // The command confirms in the status bar once the clipboard holds the text.
    await wb.page.locator('.statusbar', { hasText: 'Question copied' }).waitFor();
    await wb.focusEditor();
    // Escape leaves the inserted skeleton's snippet session before moving to the end.
    await wb.press('Escape', 'Control+End', 'Enter', 'Control+V');
    // Wait for the pasted line before reading the text (which itself goes through the clipboard).
    await wb.waitForLine(CONFLICT_QUESTION);
    text = await wb.editorText();
    assert.ok(text.trimEnd().endsWith(CONFLICT_QUESTION), text.slice(-200));
  });

  it('8. the light bulb inserts a Task after an indented continuation line as a list item, not a sub-bullet', async () => {
    // VS Code would put the continuation line's two spaces before the inserted line unless the edit keeps its whitespace.
    await wb.openFile(INDENTED);
    const problem = await wb.waitForProblem((p) => p.file === 'indented-list.star.md' && p.code.includes('STAR002'));
    await wb.applyQuickFix('Insert Task section', { line: problem.line });
    await wb.waitForLine('- **Task:** What were you responsible for, and what did success look like?');
    await wb.type('I had to stop the night pages within a quarter.');
    await wb.save();
    assert.equal(
      wb.readFile(INDENTED),
      [
        '## Tell me about a time you calmed a noisy on-call rotation',
        '',
        '- **Situation:** The same two people were paged',
        '  almost every night for a month.',
        '- **Task:** I had to stop the night pages within a quarter.',
        '- **Action:** I wrote runbooks and split the rotation across the team.',
        '- **Result:** Night pages fell 60% in 6 weeks.',
        '- **Reflection:** I would ask for help sooner next time.',
        '',
      ].join('\n'),
    );
    await wb.waitForNoProblem((p) => p.file === 'indented-list.star.md' && p.code.includes('STAR002'));
    await wb.shot('task-inserted-unindented');
  });

  it('9. a string in starCoach.files.exclude is reported once, not on every keystroke, and drafts are still checked', async () => {
    await wb.clearNotifications();
    const settingsFile = wb.pathOf('.vscode/settings.json');
    mkdirSync(wb.pathOf('.vscode'), { recursive: true });
    writeFileSync(settingsFile, JSON.stringify({ 'starCoach.files.exclude': '**/archive/**' }, null, 2));
    try {
      await wb.openFile(SETTINGS_DRAFT);
      const warning = await wb.waitForNotification(/files\.exclude/);
      assert.match(warning, /STAR Coach: Settings \(starCoach\): files\.exclude: "\*\*\/archive\/\*\*" is not a list of glob patterns; using \[\]/);
      // The default (no exclusions) is in force: the draft is checked.
      await wb.waitForProblem((p) => p.file === 'settings-check.star.md' && p.code.includes('STAR004'));
      // Typing re-reads the settings on every refresh; the warning stays a single one.
      await wb.goTo(7, 66);
      await wb.type('\n\n**Result:** Peak search time fell from 9 seconds to 400 ms.');
      await wb.waitForNoProblem((p) => p.file === 'settings-check.star.md' && p.code.includes('STAR004'));
      const warnings = (await wb.notifications()).filter((text) => /files\.exclude/.test(text));
      assert.equal(warnings.length, 1, JSON.stringify(warnings));
      await wb.save();
    } finally {
      rmSync(settingsFile, { force: true });
    }
    await wb.clearNotifications();
  });
});
