// The views of an answer in a real VS Code (code-server), as a person sees them: the CodeLens
// marks (✓ written, ○ not written, ✗ missing, – optional), the status bar and its tooltip, the
// Questions view's title and icons, and the rule code link in Problems opening the rendered docs.
// The screenshots named readme-*.png in test-results/ are the README's (media/screenshots/).
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { e2eEnv, Workbench } from './workbench';

const STATUS_ITEM = 'star-coach.star-coach.starCoach.status';
const FOLDER = 'views';
const DRAFT = `${FOLDER}/stories.star.md`;

// Reflection required, Task optional: one screen shows all four marks.
const RC = { requiredSections: ['situation', 'action', 'result', 'reflection'] };
const STORIES = `# Platform team loop

## Tell me about a time you improved onboarding

**Situation:** New engineers took three weeks to ship their first change.

**Task:** I owned the onboarding guide.

**Action:** I wrote a one-day setup script and a first-week checklist with a buddy for each hire.

**Result:** Time to first change fell from 15 to 4 days over two quarters.

**Reflection:**

## Tell me about a time you cut cloud costs

**Situation:** Our cloud bill doubled in a year while traffic grew by a tenth.

**Action:** I tagged every resource by team and shut down idle test clusters.

**Result:** The monthly bill fell 38% in two months.
`;

describe('STAR Coach views in VS Code (code-server)', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let failed = false;

  // Written before the workbench loads, so the Explorer lists them.
  const inWorkspace = (relPath: string): string => join(e2eEnv().workspace, relPath);

  before(async function () {
    mkdirSync(dirname(inWorkspace(DRAFT)), { recursive: true });
    writeFileSync(inWorkspace(`${FOLDER}/.starcoachrc.json`), `${JSON.stringify(RC, null, 2)}\n`);
    writeFileSync(inWorkspace(DRAFT), STORIES);
    wb = await Workbench.open({ name: 'views' });
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  after(async () => {
    await wb?.close({ failed });
    // Other suites share the workspace copy: leave it as it was.
    rmSync(inWorkspace(FOLDER), { recursive: true, force: true });
  });

  it('1. the CodeLens marks written, not written, missing and optional parts; the status bar counts required parts', async () => {
    await wb.openFile(DRAFT);
    await wb.waitForCodeLens(/^S ✓ {2}T ✓ {2}A ✓ {2}R ✓ {2}Reflection ○ · \d+ words/);
    await wb.waitForCodeLens(/^S ✓ {2}T – {2}A ✓ {2}R ✓ {2}Reflection ✗ · \d+ words/);
    // On the file's own title the cursor is in no answer: no count.
    await wb.goTo(1);
    await wb.page.locator(`[id="${STATUS_ITEM}"]`).waitFor({ state: 'hidden' });
    await wb.goTo(17);
    const status = await wb.waitForStatusBarItem(STATUS_ITEM, /STAR 3\/4/);
    assert.match(status.text, /STAR 3\/4/);
    // The tooltip says what is missing, in the singular, and what a click does.
    await wb.page.locator(`.statusbar [id="${STATUS_ITEM}"]`).hover();
    const tooltip = wb.page.locator('.monaco-hover, .workbench-hover', { hasText: 'Missing: Reflection. Click to insert it.' }).first();
    await tooltip.waitFor();
    assert.match((await tooltip.innerText()).replace(/\u00a0/g, ' '), /Optional, not there: Task\./);
    await wb.screenshot('readme-views');
  });

  it('2. the Outline shows each answer\'s count and each part\'s words, empty parts as not written', async () => {
    const outline = await wb.waitForOutline((items) => items.some((i) => i.label === 'Reflection'));
    assert.ok(outline.some((i) => i.label === 'Tell me about a time you cut cloud costs'), JSON.stringify(outline));
  });

  it('3. the rule code in Problems opens the rendered docs page, not the raw file', async () => {
    // Earlier suites leave other drafts' findings in Problems: show only this file's.
    await wb.openProblems();
    const filter = wb.page.locator('.part.panel .viewpane-filter input').first();
    await filter.fill('stories.star.md');
    const problem = await wb.waitForProblem((p) => p.file === 'stories.star.md' && p.code.includes('STAR005'));
    assert.equal(problem.line, 15);
    const row = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'STAR005' }).first();
    const link = row.locator('a.monaco-link:has(.marker-code)').first();
    assert.match((await link.getAttribute('href')) ?? '', /^command:starCoach\.showRuleDocs\?/);
    await link.click();
    // Show Rule Documentation opens a locked markdown preview: a "[Preview] missing-reflection.md" tab.
    await wb.page.locator('.tabs-container .tab', { hasText: /Preview\]? missing-reflection/ }).first().waitFor();
    // The page is rendered (a heading, not "# STAR005" source text) in the preview's webview.
    const heading = wb.page.frameLocator('iframe.webview').frameLocator('iframe').locator('h1', { hasText: 'STAR005' });
    await heading.waitFor();
    await wb.shot('rule-docs-preview');
    const editable = await wb.page.locator('.tabs-container .tab[data-resource-name="missing-reflection.md"]:not(:has-text("Preview"))').count();
    assert.equal(editable, 0, 'the raw docs file is not opened for editing');
    await filter.fill('');
  });

  it('4. the sidebar is "STAR Coach" with a Questions view, with a shuffle-like Random Question icon', async () => {
    await wb.openViewContainer('STAR Coach');
    await wb.waitForTreeItems('Questions', (items) => items.some((i) => i.label === 'Conflict'));
    // Two views (Questions, Story Bank): the side bar is titled by its container, each view by its pane header.
    await wb.page.locator('.part.sidebar .composite.title', { hasText: /STAR Coach/i }).first().waitFor();
    await wb.page.locator('.part.sidebar .pane-header[aria-label^="Questions"]').first().waitFor();
    const random = wb.page.locator('.part.sidebar .action-label[aria-label^="Random Question"]').first();
    await random.waitFor();
    assert.match((await random.getAttribute('class')) ?? '', /codicon-arrow-swap/);
    await wb.clickTreeItem('Questions', 'Speed versus quality');
    const items = await wb.waitForTreeItems('Questions', (rows) => rows.some((i) => i.level === 2));
    // The draft in front, and hovering a question shows its inline actions (new draft, insert, copy).
    await wb.page.locator('.tabs-container .tab[data-resource-name="stories.star.md"]').click();
    await wb.page.locator('.tabs-container .tab.active[data-resource-name="stories.star.md"]').waitFor();
    // Locked, the docs preview stays on the rule's page instead of following the draft.
    assert.equal(await wb.page.locator('.tabs-container .tab', { hasText: /Preview\]? missing-reflection/ }).count(), 1);
    const first = items.find((i) => i.level === 2)!;
    await wb.page.locator('.part.sidebar .monaco-list-row', { hasText: first.label }).first().hover();
    await wb.page.locator('.part.sidebar .monaco-list-row .actions .action-label[aria-label^="New Answer Draft from Question"]:visible').first().waitFor();
    await wb.screenshot('readme-question-bank');
  });
});
