// The story bank in a real VS Code (code-server): the Story Bank view beside Questions (score,
// spoken time, linked or "likely" question, a click opens the story at its line), the coverage
// report webview (its links open the story too) and practice mode (the question, a timer, the
// writer's own parts revealed one at a time, and the plain statement that nothing is kept).
// test-results/readme-story-bank*.png and readme-practice.png are the README's screenshots.
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { e2eEnv, Workbench } from './workbench';

const FOLDER = 'story-bank';

// Linked to a bundled conflict question by front matter.
const LINKED = `---
question: conflict-disagreed-with-manager
---

# My manager wanted to skip the load test

**Situation:** Two weeks before the launch of our billing page, my manager asked us to skip the load test to save three days.

**Task:** I owned the release and had to decide whether I could accept that risk.

**Action:** I disagreed and told my manager my concern privately in our one-on-one. I asked why the date mattered and learned the constraints. I built a prototype load test in one afternoon and brought the numbers: at twice normal traffic p95 latency rose from 300 ms to 4 s.

**Result:** He changed his mind; we fixed the slow query and launched on the date, with p95 latency at 320 ms for the first month and no incident.

**Reflection:** I learned to bring evidence early and to keep the relationship by disagreeing in private, not in the team channel.
`;

// Not linked, but covering the teamwork question's key points: "likely".
const LIKELY = `# Helping Sam find his feet

**Situation:** A new engineer, Sam, was stuck and quiet in stand-ups for two weeks while his first ticket slipped.

**Task:** I was his onboarding buddy and wanted him to ship on his own.

**Action:** I asked if we could talk one-on-one, and he admitted he did not understand the build. I paired with him every morning for a week and walked through the deploy scripts, and I moved my own work to the afternoon after checking with my manager.

**Result:** He delivered his first feature in 9 days instead of the 20 our team usually needed, and became confident enough to review others.

**Reflection:** I now check in with every new joiner in their first week instead of waiting for them to ask.
`;

/** The seconds a practice timer shows ("1:05 / 2:00" is 65). */
const seconds = (timer: string): number => {
  const [minutes, secs] = timer.split(' / ')[0].split(':').map(Number);
  return minutes * 60 + secs;
};

const FILES: Record<string, string> = { [`${FOLDER}/load-test.star.md`]: LINKED, [`${FOLDER}/mentoring.star.md`]: LIKELY };

describe('STAR Coach story bank in VS Code (code-server)', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let failed = false;
  const inWorkspace = (relPath: string): string => join(e2eEnv().workspace, relPath);
  const webview = () => wb.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
  let linkedRow = '';

  // Drags the sash on the side bar's right edge.
  async function widenSidebar(by: number): Promise<void> {
    const bar = await wb.page.locator('.part.sidebar').boundingBox();
    assert.ok(bar, 'the side bar is shown');
    const y = bar.y + bar.height / 2;
    await wb.page.mouse.move(bar.x + bar.width + 1, y);
    await wb.page.mouse.down();
    await wb.page.mouse.move(bar.x + bar.width + 1 + by, y, { steps: 8 });
    await wb.page.mouse.up();
    await wb.page.waitForFunction((width) => ((globalThis as any).document.querySelector('.part.sidebar')?.getBoundingClientRect().width ?? 0) > width, bar.width + by / 2);
  }

  before(async function () {
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(inWorkspace(path)), { recursive: true });
      writeFileSync(inWorkspace(path), text);
    }
    wb = await Workbench.open({ name: 'story-bank' });
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  after(async () => {
    await wb?.close({ failed });
    rmSync(inWorkspace(FOLDER), { recursive: true, force: true });
  });

  it('1. the Story Bank view lists each answer with its score, spoken time and a "likely" mark; a click opens the story at its line', async () => {
    await wb.openViewContainer('STAR Coach');
    // The Story Bank starts folded under Questions. Room for the story titles: Questions folded,
    // the Story Bank unfolded (which starts the scan), the side bar dragged wider.
    await wb.page.locator('.part.sidebar .pane-header[aria-label^="Questions"]').click();
    const header = wb.page.locator('.part.sidebar .pane-header[aria-label^="Story Bank"]');
    assert.equal(await header.getAttribute('aria-expanded'), 'false', 'the Story Bank view starts folded');
    await header.click();
    await widenSidebar(240);
    const items = await wb.waitForTreeItems('Story Bank', (rows) => rows.some((r) => r.label.endsWith('My manager wanted to skip the load test')) && rows.some((r) => r.label.endsWith('Helping Sam find his feet')));
    const linked = items.find((r) => r.label.endsWith('My manager wanted to skip the load test'))!;
    const likely = items.find((r) => r.label.endsWith('Helping Sam find his feet'))!;
    // "<score> <title>", then "S<n> · spoken / target", and "likely" for an inferred question.
    assert.match(linked.label, /^\d{1,3} My manager/);
    assert.match(linked.description, /^S\d+ · 0:5\d \/ 2:00$/, linked.description);
    assert.match(likely.description, /^S\d+ · 0:\d\d \/ \d:\d\d · likely$/, likely.description);
    linkedRow = linked.label;
    // Expanded, a story shows its question and what it covers.
    // A story's click opens it, so the twistie expands it.
    await wb.page
      .locator('.part.sidebar .pane', { has: wb.page.locator('.pane-header[aria-label^="Story Bank"]') })
      .locator('.monaco-list-row', { hasText: 'Helping Sam find his feet' })
      .locator('.monaco-tl-twistie')
      .click();
    const details = await wb.waitForTreeItems('Story Bank', (rows) => rows.some((r) => r.label === 'Likely question'));
    assert.match(details.find((r) => r.label === 'Likely question')!.description, /struggling|teammate|help/i);
    assert.match(details.find((r) => r.label === 'Covers')!.description, /Teamwork and collaboration/);
    await wb.screenshot('readme-story-bank');
    await wb.clickTreeItem('Story Bank', linked.label);
    await wb.waitForActiveEditor('load-test.star.md');
    assert.deepEqual(await wb.cursor(), { line: 5, column: 1 });
  });

  it('2. the coverage report webview shows the matrix with gaps, and its links open the story at its line', async () => {
    await wb.runCommand('STAR Coach: Open Story Bank Coverage Report');
    await wb.page.locator('.tabs-container .tab', { hasText: 'Story Bank Coverage' }).first().waitFor();
    const frame = webview();
    await frame.locator('h1', { hasText: 'Story bank' }).waitFor();
    assert.match(await frame.locator('.summary').first().innerText(), /stories in \d+ drafts, average score [\d.]+; Core competencies: \d+ of 13 covered/);
    const conflict = frame.locator('.matrix tr', { has: wb.page.locator('th', { hasText: 'Handling conflict' }) });
    assert.equal(await conflict.locator('.status').innerText(), 'covered');
    assert.ok((await frame.locator('.matrix tr.row-gap').count()) > 0, 'some competency has no story');
    assert.match(await frame.locator('.stories').innerText(), /Helping Sam find his feet[\s\S]*likely/);
    await frame.locator('h2', { hasText: 'Coverage: Core competencies' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await wb.screenshot('readme-story-bank-report');
    // The page's script posts a message; the extension opens the file at the story's line.
    await frame.locator('a.story-link', { hasText: 'Helping Sam find his feet' }).first().click();
    await wb.waitForActiveEditor('mentoring.star.md');
    assert.deepEqual(await wb.cursor(), { line: 1, column: 1 });
  });

  it('3. practice mode shows the question, a timer against the target, reveals the own parts one at a time and says nothing is kept', async () => {
    await wb.openViewContainer('STAR Coach');
    await wb.clickTreeItemAction('Story Bank', linkedRow, 'Practise a Story');
    await wb.page.locator('.tabs-container .tab', { hasText: 'STAR Coach Practice' }).first().waitFor();
    const frame = webview();
    await frame.locator('.privacy').waitFor();
    assert.match(await frame.locator('.privacy').innerText(), /Nothing is recorded, stored or sent/);
    assert.match(await frame.locator('.question').innerText(), /disagreed with a decision your manager made/);
    assert.equal(await frame.locator('#timer').innerText(), '0:00 / 2:00');
    assert.equal(await frame.locator('.part:visible').count(), 0);
    await frame.locator('#reveal', { hasText: 'Reveal Situation' }).click();
    await frame.locator('.part:visible h3', { hasText: 'Situation' }).waitFor();
    assert.match(await frame.locator('.part:visible').first().innerText(), /skip the load test to save three days/);
    assert.equal(await frame.locator('.part:visible').count(), 1);
    assert.equal(await frame.locator('#reveal').innerText(), 'Reveal Task');
    await frame.locator('#reveal').click();
    await frame.locator('#start').click();
    await frame.locator('#timer', { hasText: /^0:0[1-9] \/ 2:00$/ }).waitFor();
    assert.equal(await frame.locator('#start').innerText(), 'Pause');
    await wb.screenshot('readme-practice');

    // Looking at the draft meanwhile (another tab hides the view, and a hidden view is reloaded
    // when shown again) neither stops nor resets the timer, and the revealed parts stay revealed.
    const before = seconds(await frame.locator('#timer').innerText());
    await wb.openFile(`${FOLDER}/load-test.star.md`);
    await wb.page.waitForTimeout(3_000);
    await wb.page.locator('.tabs-container .tab', { hasText: 'STAR Coach Practice' }).first().click();
    const shownAgain = webview();
    await shownAgain.locator('#timer').waitFor();
    const after = seconds(await shownAgain.locator('#timer').innerText());
    assert.ok(after >= before + 3, `the timer went on while the view was hidden (${before} s, then ${after} s)`);
    assert.equal(await shownAgain.locator('.part:visible').count(), 2);
    assert.equal(await shownAgain.locator('#start').innerText(), 'Pause');
    // Reset starts the same practice afresh.
    await shownAgain.locator('#reset').click();
    assert.equal(await shownAgain.locator('#timer').innerText(), '0:00 / 2:00');
    assert.equal(await shownAgain.locator('.part:visible').count(), 0);
    assert.equal(await shownAgain.locator('#start').innerText(), 'Start');
  });

  it('4. the report reads in the dark and high-contrast themes: its colours come from the theme', async () => {
    // The Color Theme picker opens on the theme in use; it is put back at the end.
    const pickTheme = async (label: string): Promise<string> => {
      // Preferences: Color Theme by its keys (runCommand waits for a quick pick to close; this one opens another).
      await wb.page.keyboard.press('Control+K');
      await wb.page.keyboard.press('Control+T');
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark High Contrast' }).first().waitFor();
      const current = (await wb.page.locator('.quick-input-list .monaco-list-row.focused .label-name').first().innerText()).trim();
      await wb.page.keyboard.type(label);
      await wb.pickQuickItem(label);
      return current;
    };
    await wb.page.locator('.tabs-container .tab', { hasText: 'Story Bank Coverage' }).first().click();
    const frame = webview();
    await frame.locator('h1', { hasText: 'Story bank' }).waitFor();
    const colours = () => frame.locator('body').evaluate((body) => ({ classes: body.className, background: (globalThis as any).getComputedStyle(body).backgroundColor, text: (globalThis as any).getComputedStyle(body).color }));
    const light = await colours();
    const original = await pickTheme('Dark High Contrast');
    try {
      await frame.locator('body.vscode-high-contrast').waitFor();
      const contrast = await colours();
      assert.equal(contrast.background, 'rgb(0, 0, 0)');
      assert.equal(contrast.text, 'rgb(255, 255, 255)');
      assert.notEqual(contrast.background, light.background);
      await wb.screenshot('story-bank-report-high-contrast');
      await pickTheme('Dark Modern');
      await frame.locator('body.vscode-dark').waitFor();
      const dark = await colours();
      assert.notEqual(dark.background, light.background);
      assert.notEqual(dark.text, light.text);
      await wb.screenshot('story-bank-report-dark');
    } finally {
      await pickTheme(original);
    }
  });
});
