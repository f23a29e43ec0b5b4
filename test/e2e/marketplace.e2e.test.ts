// The extension's page as a person sees it in the Extensions view of a real VS Code
// (code-server) with the packaged .vsix installed: the users' README, with no broken image
// (the page shows only https images, so the README has none until the repository is online)
// and no links to that repository. Run by `npm run test:e2e`.
import { strict as assert } from 'node:assert';
import type { Frame } from 'playwright-core';
import { Workbench } from './workbench';

/** The images in whichever webview frame shows the README. */
async function readmeImages(wb: Workbench): Promise<Array<{ alt: string; src: string; loaded: boolean }>> {
  const found: Array<{ alt: string; src: string; loaded: boolean }> = [];
  for (const frame of wb.page.frames() as Frame[]) {
    const images = await frame
      .evaluate(() => {
        const document = (globalThis as any).document;
        if (!String(document.body?.innerText ?? '').includes('Getting started')) return [];
        return Array.from(document.querySelectorAll('img')).map((img: any) => ({ alt: String(img.alt), src: String(img.src), loaded: Boolean(img.complete && img.naturalWidth > 0) }));
      })
      .catch(() => []);
    found.push(...images);
  }
  return found;
}

async function readmeText(wb: Workbench): Promise<string> {
  const texts = await Promise.all((wb.page.frames() as Frame[]).map((frame) => frame.evaluate(() => String((globalThis as any).document.body?.innerText ?? '')).catch(() => '')));
  return texts.find((text) => text.includes('Privacy') && text.includes('Getting started')) ?? '';
}

describe("STAR Coach's page in the Extensions view", function () {
  this.timeout(180_000);
  let wb: Workbench;
  let failed = false;

  before(async function () {
    wb = await Workbench.open({ name: 'marketplace-page' });
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  after(async () => {
    await wb?.close({ failed });
  });

  it("shows the users' README, with no broken image and no link to a repository that is not online", async () => {
    // The Extensions view's own commands register a little after the workbench opens; the
    // view itself is there from the start, and its search box takes the same filter.
    await wb.runCommand('View: Show Extensions');
    const search = wb.page.locator('.extensions-viewlet .suggest-input-container').first();
    await search.waitFor();
    await search.click();
    await wb.page.keyboard.type('@installed STAR Coach');
    const item = wb.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'STAR Coach' }).first();
    await item.waitFor();
    await item.click();
    await wb.page.locator('.extension-editor').first().waitFor();
    let text = '';
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !text) {
      text = await readmeText(wb);
      if (!text) await wb.page.waitForTimeout(250);
    }
    await wb.shot('extension page');
    assert.match(text, /Getting started/);
    assert.match(text, /Treat 'Backdrop' as Situation/);
    assert.doesNotMatch(text, /npm install && npm start/, 'not the developer README');
    const broken = (await readmeImages(wb)).filter((image) => !image.loaded);
    assert.deepEqual(broken, []);
    const links = await wb.page.locator('.extension-editor a').evaluateAll((anchors) => anchors.map((a: any) => String(a.href)));
    assert.ok(!links.some((href) => href.includes('github.com/star-coach')), links.join('\n'));
  });
});
