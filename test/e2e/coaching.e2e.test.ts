// The coaching score in a real VS Code (code-server): the hover on an answer's title shows the
// score, each dimension's points with the lines that earned or lost them, and the likely
// follow-up questions. test-results/readme-coaching-hover.png is the README's screenshot
// (media/screenshots/coaching-hover.png).
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { e2eEnv, Workbench } from './workbench';

const FOLDER = 'coaching';
const DRAFT = `${FOLDER}/pipeline.star.md`;
const STORY = `# Tell me about a time you fixed a flaky pipeline

**Situation:** Our deploy pipeline failed about once a day, and we kept missing release dates.

**Task:** Make releases boring again before the holiday freeze.

**Action:** We met every morning. We split the pipeline into stages and we added retries. Then the old runners were decommissioned. I think it kind of worked.

**Result:** Failed deploys fell 80%.
`;

describe('STAR Coach coaching score in VS Code (code-server)', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let failed = false;
  const inWorkspace = (relPath: string): string => join(e2eEnv().workspace, relPath);

  before(async function () {
    mkdirSync(dirname(inWorkspace(DRAFT)), { recursive: true });
    writeFileSync(inWorkspace(DRAFT), STORY);
    // A tall window: VS Code sizes a hover by the editor's height, and the README's picture shows all of it.
    wb = await Workbench.open({ name: 'coaching', viewport: { width: 1280, height: 2600 } });
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  after(async () => {
    await wb?.close({ failed });
    rmSync(inWorkspace(FOLDER), { recursive: true, force: true });
  });

  it('the title hover shows the score, its dimensions and follow-up questions; the CodeLens ends with the score', async () => {
    await wb.openFile(DRAFT);
    const lens = await wb.waitForCodeLens(/spoken \(S 0:\d\d, T 0:\d\d, A 0:\d\d, R 0:\d\d\) · \d+\/100$/);
    const total = /(\d+)\/100$/.exec(lens)![1];
    // "I think it kind of worked" hedges, and the answer is short: hints (faint dots), not squiggles.
    await wb.waitForSquiggle('hint');
    await wb.goTo(1, 8);
    const hover = wb.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
    await wb.pressKeys('Control+K', 'Control+I');
    await hover.waitFor();
    await wb.page.locator('.monaco-hover:not(.hidden)', { hasText: 'Likely follow-up questions' }).first().waitFor();
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    assert.ok(text.includes(`Score ${total}/100`), text);
    assert.match(text, /Ownership\s+\d+\/15/);
    assert.ok(text.includes('What did you personally do?'), text);
    assert.ok(text.includes('What was it before?'), text);
    // The README's picture: the top of the editor down to the hover's end, without the rest of the window.
    const editor = (await wb.page.locator('.part.editor').boundingBox())!;
    const shown = (await wb.page.locator('.monaco-hover:not(.hidden)').first().boundingBox())!;
    const results = process.env.STAR_E2E_RESULTS ?? 'test-results';
    mkdirSync(results, { recursive: true });
    const bottom = Math.min(editor.y + editor.height, shown.y + shown.height + 16);
    await wb.page.screenshot({ path: join(results, 'readme-coaching-hover.png'), clip: { x: editor.x, y: editor.y, width: Math.min(editor.width, shown.x + shown.width + 24 - editor.x), height: bottom - editor.y } });
  });
});
