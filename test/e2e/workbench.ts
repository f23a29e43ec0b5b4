// A small driver over playwright-core for end-to-end tests against the real VS Code workbench
// (code-server, started by scripts/e2e/server.mjs) in Debian's Chromium.
//
//   const wb = await Workbench.open({ name: this.currentTest!.fullTitle() });
//   await wb.openFile('drafts/conflict.star.md');
//   await wb.waitForProblem((p) => p.message.includes('Missing Result'));
//   await wb.applyQuickFix('Insert Result section', { line: 1 });
//   await wb.close();
//
// Every action waits on a DOM condition (bounded), never on a fixed sleep, and takes a screenshot
// into test-results/ when it is done. Selectors and keyboard recipes here were checked against
// code-server 4.139.1 (VS Code 1.139.1) with the quiet settings of scripts/e2e/server.mjs.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

// ------------------------------------------------------------------------------------------ env

/** Where screenshots and failure logs go: $STAR_E2E_RESULTS, else ./test-results. */
export const RESULTS_DIR = path.resolve(process.env.STAR_E2E_RESULTS ?? path.join(process.cwd(), 'test-results'));
export const CHROMIUM = process.env.STAR_E2E_CHROMIUM ?? '/usr/bin/chromium';
/** Default bound for every wait, in ms ($STAR_E2E_TIMEOUT). */
export const DEFAULT_TIMEOUT = Number(process.env.STAR_E2E_TIMEOUT ?? 20_000);
const SCREENSHOTS = process.env.STAR_E2E_SCREENSHOTS !== '0';
/** How long a keyboard request (Ctrl+., Ctrl+Space) may take before the keys are pressed again. */
const PRESS_AGAIN_AFTER_MS = 5_000;

export interface E2EEnv {
  /** Base URL of the running code-server, e.g. http://127.0.0.1:40123/ */
  url: string;
  /** Absolute path of the workspace folder the server serves (a temp copy of test/e2e/workspace). */
  workspace: string;
}

/** The server and workspace that scripts/e2e/run.mjs started (STAR_E2E_URL, STAR_E2E_WORKSPACE). */
export function e2eEnv(): E2EEnv {
  const url = process.env.STAR_E2E_URL;
  const workspace = process.env.STAR_E2E_WORKSPACE;
  if (!url || !workspace) {
    throw new Error('STAR_E2E_URL / STAR_E2E_WORKSPACE are not set: run the e2e tests with `node scripts/e2e/run.mjs`');
  }
  return { url, workspace: path.resolve(workspace) };
}

/** True when the e2e environment is there; use to skip: `before(function () { if (!hasE2EEnv()) this.skip(); })`. */
export function hasE2EEnv(): boolean {
  return !!process.env.STAR_E2E_URL && !!process.env.STAR_E2E_WORKSPACE;
}

// ------------------------------------------------------------------------------------------ types

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Problem {
  /** File name as the Problems view shows it, e.g. "answer.md". */
  file: string;
  /** Folder of that file relative to the workspace ("" at its root), as the Problems view shows it. */
  folder: string;
  severity: Severity;
  message: string;
  source: string;
  code: string;
  line: number;
  column: number;
}

export interface OutlineItem {
  label: string;
  /** Detail text shown after the label (DocumentSymbol.detail), "" if none. */
  detail: string;
  /** 1 = top level. When two providers give symbols, level 1 rows are the providers' names. */
  level: number;
}

export interface StatusBarItem {
  /** Element id: `${publisher}.${extensionName}.${itemId}` for extension items, e.g. star-coach.star-coach.starCoach.status */
  id: string;
  text: string;
  ariaLabel: string;
}

export interface TreeItem {
  label: string;
  description: string;
  level: number;
  /** undefined for leaves */
  expanded: boolean | undefined;
}

export interface QuickFix {
  label: string;
  disabled: boolean;
}

export interface OpenOptions {
  /** Used to name screenshots: test-results/<name>-NN-<step>.png. Usually this.currentTest!.fullTitle(). */
  name?: string;
  /** Default: e2eEnv().url */
  url?: string;
  /** Default: e2eEnv().workspace */
  workspace?: string;
  viewport?: { width: number; height: number };
  /** Default true; STAR_E2E_HEADED=1 shows the window (needs a display). */
  headless?: boolean;
  timeout?: number;
}

// ------------------------------------------------------------------------------------------ selectors

/** Selectors that proved reliable in VS Code 1.139 (code-server 4.139.1). */
export const SEL = {
  workbench: '.monaco-workbench',
  explorerView: '.explorer-folders-view',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  activeTab: '.tabs-container .tab.active',
  /** The editor of the active editor group. */
  editor: '.editor-group-container.active .editor-instance .monaco-editor',
  editorLines: '.editor-group-container.active .editor-instance .monaco-editor .view-lines',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  problemsPanel: '.markers-panel',
  problemsRow: '.markers-panel .monaco-list-row',
  actionWidgetRow: '.action-widget .monaco-list-row.action',
  codeLens: '.editor-group-container.active .monaco-editor .codelens-decoration',
  outlinePane: '.outline-pane',
  outlineRow: '.outline-pane .monaco-list-row',
  outlineHeader: '.pane-header[aria-label^="Outline"]',
  explorerHeader: '.pane-header[aria-label^="Explorer Section"]',
  statusBarItem: '.statusbar .statusbar-item',
  cursorPosition: '[id="status.editor.selection"]',
  toast: '.notifications-toasts .notification-toast',
  hover: '.monaco-hover:not(.hidden) .monaco-hover-content',
  suggestRow: '.editor-widget.suggest-widget.visible .monaco-list-row',
} as const;

const SQUIGGLE: Record<Severity, string> = {
  error: '.squiggly-error',
  warning: '.squiggly-warning',
  info: '.squiggly-info',
  hint: '.squiggly-hint',
};

const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  // Loopback only: anything not on 127.0.0.1/localhost goes to a dead proxy on loopback and fails.
  // (Chromium never sends loopback addresses through a proxy.)
  '--proxy-server=http://127.0.0.1:9',
];

// ------------------------------------------------------------------------------------------ driver

export class Workbench {
  /** Errors the page logged (console.error, uncaught exceptions); written to test-results on failure. */
  readonly consoleErrors: string[] = [];
  private shots = 0;
  private readonly timeout: number;

  private constructor(
    readonly browser: Browser,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly name: string,
    readonly workspace: string,
    readonly url: string,
    timeout: number,
  ) {
    this.timeout = timeout;
  }

  /** Launches Chromium, opens the workspace folder in the workbench and waits until it is usable. */
  static async open(options: OpenOptions = {}): Promise<Workbench> {
    const env = options.url && options.workspace ? { url: options.url, workspace: options.workspace } : e2eEnv();
    const url = options.url ?? env.url;
    const workspace = path.resolve(options.workspace ?? env.workspace);
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: options.headless ?? process.env.STAR_E2E_HEADED !== '1',
      args: BROWSER_ARGS,
    });
    try {
      const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 1000 } });
      // Reading the editor's text goes through the clipboard (select all, copy, read).
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
      context.setDefaultTimeout(timeout);
      const page = await context.newPage();
      const wb = new Workbench(browser, context, page, sanitize(options.name ?? 'workbench'), workspace, url, timeout);
      page.on('console', (m) => {
        if (m.type() === 'error') wb.consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => wb.consoleErrors.push(`pageerror: ${e.stack ?? e.message}`));
      const folderUrl = new URL(url);
      folderUrl.searchParams.set('folder', workspace);
      await page.goto(folderUrl.toString());
      await page.waitForSelector(SEL.workbench, { timeout: Math.max(timeout, 60_000) });
      // The workspace's files are listed: the remote file system is up.
      await page.waitForSelector(SEL.explorerRow, { timeout: Math.max(timeout, 60_000) });
      await wb.shot('opened');
      return wb;
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  /** Closes the browser. With { failed: true } it first saves a screenshot and the page's errors. */
  async close(options: { failed?: boolean } = {}): Promise<void> {
    try {
      if (options.failed) {
        await this.screenshot(`${this.name}-FAILED`).catch(() => undefined);
        fs.mkdirSync(RESULTS_DIR, { recursive: true });
        fs.writeFileSync(path.join(RESULTS_DIR, `${this.name}-console.log`), this.consoleErrors.join('\n'));
      }
    } finally {
      await this.browser.close();
    }
  }

  // ---------------------------------------------------------------- screenshots

  /** Saves test-results/<file>.png (file without extension). */
  async screenshot(file: string): Promise<string> {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const target = path.join(RESULTS_DIR, `${sanitize(file)}.png`);
    await this.page.screenshot({ path: target });
    return target;
  }

  /** Screenshot after a step: test-results/<name>-NN-<step>.png (off with STAR_E2E_SCREENSHOTS=0). */
  async shot(step: string): Promise<void> {
    if (!SCREENSHOTS) return;
    this.shots += 1;
    await this.screenshot(`${this.name}-${String(this.shots).padStart(2, '0')}-${step}`);
  }

  // ---------------------------------------------------------------- files and editor

  /** Absolute path of a workspace-relative path. */
  pathOf(relPath: string): string {
    return path.join(this.workspace, relPath);
  }

  /** Reads a workspace file from disk (the server and the tests share the machine). */
  readFile(relPath: string): string {
    return fs.readFileSync(this.pathOf(relPath), 'utf8');
  }

  /**
   * Opens a workspace file by clicking it in the Explorer (folders are expanded on the way), then
   * focuses its editor. Quick Open (Ctrl+P) is not used: right after load it does not find files.
   */
  async openFile(relPath: string): Promise<void> {
    const segments = relPath.split(/[\\/]/).filter(Boolean);
    await this.showExplorer();
    let after = -1; // index (data-index) of the parent row
    for (let depth = 0; depth < segments.length; depth++) {
      const name = segments[depth]!;
      const isLast = depth === segments.length - 1;
      const row = await this.explorerRow(name, depth + 1, after);
      await this.dismissHover();
      if (isLast) {
        await row.click();
      } else {
        if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
        await expectAttribute(row, 'aria-expanded', 'true', this.timeout);
      }
      after = Number(await row.getAttribute('data-index'));
    }
    const base = segments[segments.length - 1]!;
    await this.page.locator(`${SEL.activeTab}[data-resource-name="${cssString(base)}"]`).waitFor();
    await this.page.locator(SEL.editorLines).waitFor();
    await this.focusEditor();
    await this.shot(`open-${base}`);
  }

  /**
   * Moves the mouse off the workbench so that a hover it left open (the path of the last row it
   * clicked, on a slow machine) goes away: over a row, it takes the click meant for that row.
   */
  private async dismissHover(): Promise<void> {
    await this.page.mouse.move(0, 0);
    await this.page.locator('.context-view .hover-contents').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  }

  private async explorerRow(name: string, level: number, afterIndex: number): Promise<Locator> {
    const rows = this.page.locator(`${SEL.explorerRow}[aria-label="${cssString(name)}"][aria-level="${level}"]`);
    await rows.first().waitFor();
    const count = await rows.count();
    for (let i = 0; i < count; i++) {
      const row = rows.nth(i);
      if (Number(await row.getAttribute('data-index')) > afterIndex) return row;
    }
    throw new Error(`Explorer has no row "${name}" at level ${level}`);
  }

  /** Shows the Explorer view with its folder section expanded. */
  async showExplorer(): Promise<void> {
    if (!(await this.page.locator(SEL.explorerView).isVisible())) {
      await this.page.keyboard.press('Control+Shift+E');
      await this.page.locator(SEL.explorerHeader).waitFor();
    }
    const header = this.page.locator(SEL.explorerHeader);
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    await this.page.locator(SEL.explorerRow).first().waitFor();
  }

  /** Title (file name) of the active editor tab. */
  async activeEditorName(): Promise<string> {
    return (await this.page.locator(SEL.activeTab).getAttribute('data-resource-name')) ?? '';
  }

  /** Focuses the active editor without moving its cursor (Ctrl+1: focus first editor group). */
  async focusEditor(): Promise<void> {
    if (await this.editorHasFocus()) return;
    await this.page.keyboard.press('Control+1');
    await this.page.waitForFunction(
      (sel) => {
        const g = globalThis as any;
        const active = g.document.activeElement;
        return !!active && !!active.closest && !!active.closest(sel);
      },
      SEL.editor,
      { timeout: this.timeout },
    );
  }

  private async editorHasFocus(): Promise<boolean> {
    return this.page.evaluate((sel) => {
      const active = (globalThis as any).document.activeElement;
      return !!active && !!active.closest && !!active.closest(sel);
    }, SEL.editor);
  }

  /**
   * Presses `keys` in the editor until `widget` shows, within the usual timeout. VS Code drops an
   * explicit request (Quick Fix, suggestions, hover) when a provider registers or the file's
   * diagnostics change while it runs, as happens while the language features start; a person
   * would press the keys again, and so does this (each retry is logged).
   */
  private async pressUntilShown(keys: readonly string[], widget: Locator, what: string): Promise<void> {
    const deadline = Date.now() + this.timeout;
    for (let attempt = 1; ; attempt++) {
      await this.focusEditor();
      if (await widget.isVisible()) return;
      for (const key of keys) await this.page.keyboard.press(key);
      const wait = Math.max(1000, Math.min(PRESS_AGAIN_AFTER_MS, deadline - Date.now()));
      try {
        await widget.waitFor({ state: 'visible', timeout: wait });
        return;
      } catch (error) {
        if (Date.now() >= deadline) throw new Error(`${what} did not show after ${attempt} presses of ${keys.join(' ')} in ${this.timeout} ms`, { cause: error });
        console.log(`      [e2e] ${what} did not show within ${wait} ms; pressing ${keys.join(' ')} again`);
      }
    }
  }

  /** Types into the focused editor key by key, as a person would ("\n" presses Enter). */
  async type(text: string): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.type(text);
    await this.shot('type');
  }

  /** Inserts text at the cursor in one go, like a paste (no auto-indent, no per-key events). */
  async insertText(text: string): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.insertText(text);
    await this.shot('insert');
  }

  /** Replaces the whole content of the active editor (select all + insert). Not saved. */
  async setEditorText(text: string): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+A');
    if (text === '') await this.page.keyboard.press('Delete');
    else await this.page.keyboard.insertText(text);
    await this.shot('set-text');
  }

  /** Focuses the editor, then presses keys, e.g. press('Control+End'), press('Control+Z'). */
  async press(...keys: string[]): Promise<void> {
    await this.focusEditor();
    for (const key of keys) await this.page.keyboard.press(key);
  }

  /** Presses keys wherever the focus is (a menu, a quick input, a panel), e.g. pressKeys('Escape'). */
  async pressKeys(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key);
  }

  /** Runs `action`, then gives the focus back to the editor if it had it (reading views moves focus). */
  private async keepingEditorFocus<T>(action: () => Promise<T>): Promise<T> {
    const had = await this.editorHasFocus();
    const result = await action();
    if (had) await this.focusEditor();
    return result;
  }

  /** Cursor position from the status bar ("Ln 3, Col 4"), 1-based. */
  async cursor(): Promise<{ line: number; column: number }> {
    const text = await this.page.locator(SEL.cursorPosition).innerText();
    const m = /Ln (\d+), Col (\d+)/.exec(text);
    if (!m) throw new Error(`cannot read the cursor position from "${text}"`);
    return { line: Number(m[1]), column: Number(m[2]) };
  }

  /** Moves the cursor with Go to Line (Ctrl+G, "line:column"), 1-based; waits for the status bar. */
  async goTo(line: number, column = 1): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    await this.waitForQuickInput();
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.waitForQuickInputHidden();
    await this.page.waitForFunction(
      ([sel, want]) => ((globalThis as any).document.querySelector(sel)?.textContent ?? '').includes(want),
      [SEL.cursorPosition, `Ln ${line}, Col ${column}`] as const,
      { timeout: this.timeout },
    );
  }

  /**
   * The full text of the active editor's model (unsaved edits included): select all, copy, read the
   * clipboard, then put the cursor back where it was.
   */
  async editorText(): Promise<string> {
    await this.focusEditor();
    const where = await this.cursor();
    await this.page.evaluate(() => (globalThis as any).navigator.clipboard.writeText(''));
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Control+C');
    let text = '';
    await this.page.waitForFunction(async () => ((await (globalThis as any).navigator.clipboard.readText()) as string).length > 0, null, {
      timeout: 2000,
    }).catch(() => undefined); // an empty document copies nothing
    text = await this.page.evaluate(() => (globalThis as any).navigator.clipboard.readText() as Promise<string>);
    await this.goTo(where.line, where.column);
    return text;
  }

  /** The visible lines of the active editor as rendered (only what is on screen). */
  async visibleEditorText(): Promise<string> {
    return (await this.page.locator(SEL.editorLines).innerText()).replace(/\u00a0/g, ' ');
  }

  /**
   * Waits until the active editor renders a line that reads `text` (trimmed). Edits from quick
   * fixes, snippets and pastes land asynchronously: wait for them before typing or reading.
   * Markdown wraps long lines into several rendered lines, so wait for a short one.
   */
  async waitForLine(text: string): Promise<void> {
    await this.page.waitForFunction(
      ([sel, want]) =>
        [...(globalThis as any).document.querySelectorAll(sel)].some(
          (line: { textContent: string | null }) => (line.textContent ?? '').replace(/\u00a0/g, ' ').trim() === want,
        ),
      [`${SEL.editorLines} .view-line`, text] as const,
      { timeout: this.timeout },
    );
    await this.shot('line');
  }

  /** Ctrl+S, then waits until the active tab is no longer dirty. */
  async save(): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+S');
    await this.page.locator(`${SEL.activeTab}.dirty`).waitFor({ state: 'detached' });
    await this.shot('save');
  }

  /** Whether the active editor has unsaved changes. */
  async isDirty(): Promise<boolean> {
    return (await this.page.locator(`${SEL.activeTab}.dirty`).count()) > 0;
  }

  // ---------------------------------------------------------------- commands and quick input

  private async waitForQuickInput(): Promise<void> {
    await this.page.locator(SEL.quickInput).waitFor({ state: 'visible' });
    await this.page.locator(SEL.quickInputBox).waitFor({ state: 'visible' });
  }

  private async waitForQuickInputHidden(): Promise<void> {
    await this.page.locator(SEL.quickInput).waitFor({ state: 'hidden' });
  }

  /**
   * Runs a command by its title through the Command Palette (F1; Ctrl+Shift+P works too), e.g.
   * runCommand('STAR Coach: Check Answer'). Picks the row whose label is exactly the title.
   */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.waitForQuickInput();
    await this.page.waitForFunction(
      (sel) => ((globalThis as any).document.querySelector(sel)?.value ?? '').startsWith('>'),
      SEL.quickInputBox,
      { timeout: this.timeout },
    );
    await this.page.keyboard.type(title);
    await this.pickQuickInputRow(title, { exact: true, action: 'enter' });
    await this.shot(`command-${title}`);
  }

  /** Labels of the rows in the open quick pick (Command Palette, Quick Open, a showQuickPick). */
  async quickPickItems(): Promise<string[]> {
    await this.waitForQuickInput();
    return this.page.locator(SEL.quickInputRow).evaluateAll((rows) =>
      rows.map((r: any) => (r.querySelector('.label-name')?.textContent ?? r.getAttribute('aria-label') ?? '').trim()),
    );
  }

  /** Chooses a row of the open quick pick by its label (exact, or containing `label` with exact: false). */
  async pickQuickItem(label: string, options: { exact?: boolean } = {}): Promise<void> {
    await this.waitForQuickInput();
    await this.pickQuickInputRow(label, { exact: options.exact ?? true, action: 'click' });
  }

  /** Types into the open quick input (e.g. an input box), then Enter. */
  async answerInput(text: string): Promise<void> {
    await this.waitForQuickInput();
    await this.page.locator(SEL.quickInputBox).fill(text);
    await this.page.keyboard.press('Enter');
  }

  private async pickQuickInputRow(label: string, o: { exact: boolean; action: 'enter' | 'click' }): Promise<void> {
    const handle = await this.page
      .waitForFunction(
      ([sel, want, exact]) => {
        const rows = Array.from((globalThis as any).document.querySelectorAll(sel)) as any[];
        const found = rows.find((r) => {
          const name = (r.querySelector('.label-name')?.textContent ?? '').trim();
          const aria = (r.getAttribute('aria-label') ?? '').trim();
          return exact ? name === want || aria === want || aria.startsWith(`${want},`) : name.includes(want) || aria.includes(want);
        });
        // A string: index 0 would be falsy, and waitForFunction waits for a truthy value.
        return found ? String(found.getAttribute('data-index')) : false;
      },
      [SEL.quickInputRow, label, o.exact] as const,
      { timeout: this.timeout },
      )
      .catch(async (error: Error) => {
        await this.shot('quick-input-not-found').catch(() => undefined);
        const value = await this.page.locator(SEL.quickInputBox).inputValue().catch(() => '?');
        const rows = await this.page.locator(SEL.quickInputRow).evaluateAll((rs) => rs.map((r: any) => r.getAttribute('aria-label')));
        throw new Error(`no quick input row "${label}" (input: "${value}", rows: ${JSON.stringify(rows)}): ${error.message}`);
      });
    const index = (await handle.jsonValue()) as string;
    await this.page.locator(`${SEL.quickInputRow}[data-index="${index}"]`).click();
    await this.waitForQuickInputHidden();
  }

  // ---------------------------------------------------------------- notifications

  /** Texts of the visible notification toasts. */
  async notifications(): Promise<string[]> {
    return (await this.page.locator(`${SEL.toast} .notification-list-item-message`).allInnerTexts()).map((t) => t.trim());
  }

  /** Waits for a toast whose message contains `text` (or matches it) and returns its message. */
  async waitForNotification(text: string | RegExp): Promise<string> {
    const toast = this.page.locator(`${SEL.toast} .notification-list-item-message`).filter({ hasText: text }).first();
    await toast.waitFor();
    await this.shot('notification');
    return (await toast.innerText()).trim();
  }

  /** Clears all notifications (command "Notifications: Clear All Notifications"). */
  async clearNotifications(): Promise<void> {
    if ((await this.page.locator(SEL.toast).count()) === 0) return;
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator(SEL.toast).first().waitFor({ state: 'detached' });
  }

  // ---------------------------------------------------------------- problems and squiggles

  /** Opens the Problems panel (Ctrl+Shift+M) unless it is showing. */
  async openProblems(): Promise<void> {
    if (await this.page.locator(SEL.problemsPanel).isVisible()) return;
    await this.keepingEditorFocus(async () => {
      await this.page.keyboard.press('Control+Shift+M');
      await this.page.locator(SEL.problemsPanel).waitFor({ state: 'visible' });
    });
    await this.shot('problems');
  }

  /** The rows of the Problems panel, opened if needed (only the rows it renders: keep the list short). */
  async problems(): Promise<Problem[]> {
    await this.openProblems();
    return readProblems(this.page);
  }

  /** Waits until some problem satisfies `match` (text: contained in the message); returns it. */
  async waitForProblem(match: string | RegExp | ((p: Problem) => boolean)): Promise<Problem> {
    await this.openProblems();
    const test = toPredicate(match);
    const found = await poll(() => readProblems(this.page), (ps) => ps.some(test), this.timeout, 'a matching problem');
    await this.shot('problem');
    return found.find(test)!;
  }

  /** Waits until no problem satisfies `match` (text: contained in the message). */
  async waitForNoProblem(match: string | RegExp | ((p: Problem) => boolean)): Promise<void> {
    await this.openProblems();
    const test = toPredicate(match);
    await poll(() => readProblems(this.page), (ps) => !ps.some(test), this.timeout, 'no matching problem');
    await this.shot('no-problem');
  }

  /** Counts of squiggles (diagnostic decorations) in the active editor's rendered lines. */
  async squiggles(): Promise<Record<Severity, number>> {
    const out = { error: 0, warning: 0, info: 0, hint: 0 } as Record<Severity, number>;
    for (const [sev, cls] of Object.entries(SQUIGGLE) as [Severity, string][]) {
      out[sev] = await this.page.locator(`${SEL.editor} ${cls}`).count();
    }
    return out;
  }

  async waitForSquiggle(severity: Severity = 'warning'): Promise<void> {
    await this.page.locator(`${SEL.editor} ${SQUIGGLE[severity]}`).first().waitFor({ state: 'attached' });
    await this.shot(`squiggle-${severity}`);
  }

  async waitForNoSquiggle(severity: Severity = 'warning'): Promise<void> {
    await this.page.locator(`${SEL.editor} ${SQUIGGLE[severity]}`).first().waitFor({ state: 'detached' });
    await this.shot(`no-squiggle-${severity}`);
  }

  // ---------------------------------------------------------------- quick fixes (light bulb)

  /**
   * Opens the Quick Fix menu (Ctrl+.) at the cursor, or first moves the cursor to `at`, and returns
   * its entries; the menu stays open (Escape closes it). [] when VS Code says there are none.
   */
  async quickFixes(at?: { line: number; column?: number }): Promise<QuickFix[]> {
    if (at) await this.goTo(at.line, at.column ?? 1);
    const rows = this.page.locator(SEL.actionWidgetRow);
    const none = this.page.locator('.monaco-editor-overlaymessage', { hasText: /No code actions|No quick fixes/i });
    await this.pressUntilShown(['Control+.'], rows.first().or(none.first()), 'the Quick Fix menu');
    await this.shot('quick-fix-menu');
    if ((await rows.count()) === 0) return [];
    return rows.evaluateAll((els) =>
      els.map((e: any) => ({
        label: ((e.querySelector('.title')?.textContent ?? e.textContent) as string).trim(),
        disabled: e.classList.contains('option-disabled'),
      })),
    );
  }

  /** Opens the Quick Fix menu (Ctrl+.) and chooses `label`; waits for the menu to close. */
  async applyQuickFix(label: string | RegExp, at?: { line: number; column?: number }): Promise<void> {
    const fixes = await this.quickFixes(at);
    const want = (l: string) => (typeof label === 'string' ? l === label : label.test(l));
    assert.ok(fixes.some((f) => want(f.label)), `no quick fix ${label}; offered: ${JSON.stringify(fixes.map((f) => f.label))}`);
    const row = this.page.locator(SEL.actionWidgetRow).filter({ hasText: typeof label === 'string' ? exactText(label) : label });
    await row.first().click();
    await this.page.locator(SEL.actionWidgetRow).first().waitFor({ state: 'detached' });
    await this.shot('quick-fix-applied');
  }

  // ---------------------------------------------------------------- outline, code lens, status bar, hover

  /**
   * The Outline view's rows for the active editor. The Explorer's folder section is collapsed so
   * the Outline has room (the list renders only the rows that fit); openFile expands it again.
   */
  async outline(): Promise<OutlineItem[]> {
    await this.showOutline();
    const items = await readOutline(this.page);
    await this.shot('outline');
    return items;
  }

  /** Waits until the Outline rows satisfy `predicate` (e.g. a label appears) and returns them. */
  async waitForOutline(predicate: (items: OutlineItem[]) => boolean): Promise<OutlineItem[]> {
    await this.showOutline();
    const items = await poll(() => readOutline(this.page), predicate, this.timeout, 'the expected outline');
    await this.shot('outline');
    return items;
  }

  private async showOutline(): Promise<void> {
    await this.keepingEditorFocus(() => this.expandOutline());
  }

  private async expandOutline(): Promise<void> {
    if (!(await this.page.locator(SEL.explorerView).isVisible()) && !(await this.page.locator(SEL.outlineHeader).isVisible())) {
      await this.page.keyboard.press('Control+Shift+E');
    }
    const explorer = this.page.locator(SEL.explorerHeader);
    if ((await explorer.getAttribute('aria-expanded')) === 'true') await explorer.click();
    const header = this.page.locator(SEL.outlineHeader);
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await expectAttribute(header, 'aria-expanded', 'true', this.timeout);
    await this.page.locator(SEL.outlineRow).first().waitFor();
  }

  /** Texts of the CodeLenses rendered in the active editor, top to bottom. */
  async codeLenses(): Promise<string[]> {
    const lenses = this.page.locator(`${SEL.codeLens} a`);
    return (await lenses.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').trim()).filter(Boolean);
  }

  /** Waits for a CodeLens whose text contains `text` (or matches it); returns its text. */
  async waitForCodeLens(text: string | RegExp): Promise<string> {
    const lens = this.page.locator(`${SEL.codeLens} a`).filter({ hasText: text }).first();
    await lens.waitFor();
    await this.shot('codelens');
    return (await lens.innerText()).replace(/\u00a0/g, ' ').trim();
  }

  /** Clicks the CodeLens whose text contains `text`. */
  async clickCodeLens(text: string | RegExp): Promise<void> {
    await this.page.locator(`${SEL.codeLens} a`).filter({ hasText: text }).first().click();
  }

  /** All status bar items, left to right. */
  async statusBarItems(): Promise<StatusBarItem[]> {
    return this.page.locator(SEL.statusBarItem).evaluateAll((els) =>
      els.map((e: any) => ({
        id: e.id as string,
        text: ((e.innerText ?? e.textContent ?? '') as string).replace(/\s+/g, ' ').trim(),
        ariaLabel: (e.getAttribute('aria-label') ?? '') as string,
      })),
    );
  }

  /**
   * Waits for the status bar item with this id (see StatusBarItem.id) to show text containing
   * `text` (or matching it); returns its text. Without `text`, waits for the item to be there.
   */
  async waitForStatusBarItem(id: string, text?: string | RegExp): Promise<StatusBarItem> {
    const item = this.page.locator(`.statusbar [id="${cssString(id)}"]`);
    await (text === undefined ? item : item.filter({ hasText: text })).first().waitFor();
    const [found] = await item.evaluateAll((els) =>
      els.map((e: any) => ({
        id: e.id as string,
        text: ((e.innerText ?? '') as string).replace(/\s+/g, ' ').trim(),
        ariaLabel: (e.getAttribute('aria-label') ?? '') as string,
      })),
    );
    await this.shot('status-bar');
    return found!;
  }

  // ---------------------------------------------------------------- side bar views (tree views)

  /** Shows a view container from the activity bar by its title, e.g. openViewContainer('STAR Coach'). */
  async openViewContainer(title: string): Promise<void> {
    const item = this.page.locator(`.activitybar .action-item:has(.action-label[aria-label^="${cssString(title)}"])`).first();
    await item.waitFor();
    if (!((await item.getAttribute('class')) ?? '').split(/\s+/).includes('checked')) {
      await item.locator('.action-label').click();
    }
    await this.page.locator('.part.sidebar .composite.title').filter({ hasText: title }).first().waitFor();
    await this.shot(`view-container-${title}`);
  }

  /** The rendered rows of a side bar view (by its name, e.g. 'Question Bank'), top to bottom. */
  async treeItems(viewName: string): Promise<TreeItem[]> {
    const rows = this.viewPane(viewName).locator('.monaco-list-row');
    await rows.first().waitFor();
    return rows.evaluateAll((els) =>
      (els as any[])
        .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
        .map((r) => ({
          label: ((r.querySelector('.label-name') ?? r.querySelector('.monaco-highlighted-label'))?.textContent ?? r.getAttribute('aria-label') ?? '').trim(),
          description: (r.querySelector('.label-description')?.textContent ?? '').trim(),
          level: Number(r.getAttribute('aria-level') ?? '1'),
          expanded: r.getAttribute('aria-expanded') === null ? undefined : r.getAttribute('aria-expanded') === 'true',
        })),
    );
  }

  /** Waits until the view's rows satisfy `predicate` and returns them. */
  async waitForTreeItems(viewName: string, predicate: (items: TreeItem[]) => boolean): Promise<TreeItem[]> {
    const items = await poll(() => this.treeItems(viewName), predicate, this.timeout, `the expected rows in ${viewName}`);
    await this.shot('tree');
    return items;
  }

  /** Clicks a row of a side bar view by its label (a collapsed node expands, a leaf runs its command). */
  async clickTreeItem(viewName: string, label: string): Promise<void> {
    await this.treeRow(viewName, label).click();
    await this.shot('tree-click');
  }

  /** Hovers a row of a side bar view and clicks one of its inline actions (by its title/aria-label). */
  async clickTreeItemAction(viewName: string, label: string, action: string): Promise<void> {
    const row = this.treeRow(viewName, label);
    await row.hover();
    await row.locator(`.actions .action-label[aria-label^="${cssString(action)}"]`).click();
    await this.shot('tree-action');
  }

  /** Clicks an action in the side bar's title bar or a view's header, by its title (aria-label). */
  async clickViewAction(action: string): Promise<void> {
    await this.page.locator(`.part.sidebar .action-label[aria-label^="${cssString(action)}"]:visible`).first().click();
    await this.shot('view-action');
  }

  private viewPane(viewName: string): Locator {
    return this.page
      .locator('.part.sidebar .pane')
      .filter({ has: this.page.locator(`.pane-header[aria-label^="${cssString(viewName)}"]`) })
      .first();
  }

  private treeRow(viewName: string, label: string): Locator {
    return this.viewPane(viewName)
      .locator('.monaco-list-row')
      .filter({ has: this.page.locator('.label-name, .monaco-highlighted-label', { hasText: exactText(label) }) })
      .first();
  }

  /** Waits for the active editor tab to be `name` (e.g. after a command opened a file). */
  async waitForActiveEditor(name: string | RegExp): Promise<string> {
    await poll(() => this.activeEditorName(), (n) => (typeof name === 'string' ? n === name : name.test(n)), this.timeout, `active editor ${name}`);
    await this.page.locator(SEL.editorLines).waitFor();
    await this.shot('active-editor');
    return this.activeEditorName();
  }

  /** Shows the hover at the cursor (or at `at`) with Ctrl+K Ctrl+I and returns its text. */
  async hoverText(at?: { line: number; column?: number }): Promise<string> {
    if (at) await this.goTo(at.line, at.column ?? 1);
    const hover = this.page.locator(SEL.hover).first();
    await this.pressUntilShown(['Control+K', 'Control+I'], hover, 'the hover');
    await this.shot('hover');
    const text = (await hover.innerText()).trim();
    await this.page.keyboard.press('Escape');
    return text;
  }

  /** Opens suggestions (Ctrl+Space) at the cursor and returns their labels; the widget stays open. */
  async suggestions(): Promise<string[]> {
    await this.pressUntilShown(['Control+Space'], this.page.locator(SEL.suggestRow).first(), 'the suggestions');
    await this.shot('suggestions');
    return this.page.locator(SEL.suggestRow).evaluateAll((els) =>
      els.map((e: any) => ((e.querySelector('.label-name')?.textContent ?? e.getAttribute('aria-label') ?? '') as string).trim()),
    );
  }

  /** Accepts the suggestion with this label from the open suggest widget. */
  async acceptSuggestion(label: string): Promise<void> {
    await this.page.locator(SEL.suggestRow).filter({ has: this.page.locator('.label-name', { hasText: exactText(label) }) }).first().click();
    await this.page.locator(SEL.suggestRow).first().waitFor({ state: 'detached' });
    await this.shot('suggestion-accepted');
  }
}

// ------------------------------------------------------------------------------------------ mocha

/**
 * Mocha hooks for a describe(): a fresh browser + workbench for each test (scope 'each', the
 * default: no UI state leaks between tests, about 3 s per test) or one for the whole describe
 * ('all': faster, the tests then run as one scenario in order). Files on disk are shared either way.
 * After a failed test it saves test-results/<test>-FAILED.png and <test>-console.log.
 *
 *   describe('diagnostics', function () {
 *     const ctx = useWorkbench();
 *     it('flags a missing Result', async function () {
 *       await ctx.wb.openFile('drafts/missing-result.star.md');
 *       ...
 */
export function useWorkbench(
  options: Omit<OpenOptions, 'name'> | (() => Omit<OpenOptions, 'name'>) = {},
  scope: 'each' | 'all' = 'each',
): { readonly wb: Workbench } {
  let current: Workbench | undefined;
  let failed = false;
  // A function is called when the hook runs: for a url/workspace known only after a before().
  const openOptions = () => (typeof options === 'function' ? options() : options);
  if (scope === 'each') {
    beforeEach(async function () {
      current = await Workbench.open({ ...openOptions(), name: this.currentTest?.fullTitle() ?? 'test' });
    });
    afterEach(async function () {
      await current?.close({ failed: this.currentTest?.state === 'failed' });
      current = undefined;
    });
  } else {
    before(async function () {
      current = await Workbench.open({ ...openOptions(), name: this.test?.parent?.fullTitle() || 'suite' });
    });
    afterEach(async function () {
      if (this.currentTest?.state === 'failed') {
        failed = true;
        await current?.screenshot(`${sanitize(this.currentTest.fullTitle())}-FAILED`).catch(() => undefined);
      }
    });
    after(async function () {
      await current?.close({ failed });
      current = undefined;
    });
  }
  return {
    get wb(): Workbench {
      if (!current) throw new Error('no workbench: use ctx.wb inside it()/hooks of the describe() that called useWorkbench()');
      return current;
    },
  };
}

// ------------------------------------------------------------------------------------------ helpers

async function readProblems(page: Page): Promise<Problem[]> {
  return page.locator(SEL.problemsRow).evaluateAll((rows) => {
    const out: any[] = [];
    let file = '';
    let folder = '';
    for (const r of rows as any[]) {
      if (r.getAttribute('aria-level') === '1') {
        file = (r.querySelector('.label-name')?.textContent ?? '').trim();
        folder = (r.querySelector('.label-description')?.textContent ?? '').trim();
        continue;
      }
      const icon = r.querySelector('.marker-icon');
      const severity = ['error', 'warning', 'info', 'hint'].find((s) => icon?.classList.contains(s)) ?? 'info';
      const pos = /Ln (\d+), Col (\d+)/.exec(r.querySelector('.marker-line')?.textContent ?? '');
      out.push({
        file,
        folder,
        severity,
        message: (r.querySelector('.marker-message')?.textContent ?? '').trim(),
        source: (r.querySelector('.marker-source')?.textContent ?? '').trim(),
        code: (r.querySelector('.marker-code')?.textContent ?? '').trim(),
        line: pos ? Number(pos[1]) : 0,
        column: pos ? Number(pos[2]) : 0,
      });
    }
    return out;
  });
}

async function readOutline(page: Page): Promise<OutlineItem[]> {
  return page.locator(SEL.outlineRow).evaluateAll((rows) =>
    (rows as any[])
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((r) => ({
        label: ((r.querySelector('.label-name') ?? r.querySelector('.outline-element-label'))?.textContent ?? '').trim(),
        detail: (r.querySelector('.label-description')?.textContent ?? '').trim(),
        level: Number(r.getAttribute('aria-level') ?? '1'),
      })),
  );
}

function toPredicate(match: string | RegExp | ((p: Problem) => boolean)): (p: Problem) => boolean {
  if (typeof match === 'function') return match;
  if (typeof match === 'string') return (p) => p.message.includes(match);
  return (p) => match.test(p.message);
}

/** Re-reads `read()` until `done` holds, every 100 ms, for at most `timeout` ms. */
async function poll<T>(read: () => Promise<T>, done: (v: T) => boolean, timeout: number, what: string): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

async function expectAttribute(locator: Locator, name: string, value: string, timeout: number): Promise<void> {
  await poll(() => locator.getAttribute(name), (v) => v === value, timeout, `${name}="${value}"`);
}

function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

function cssString(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}

function sanitize(name: string): string {
  const s = name.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'step';
  // Long test titles: keep the start (suite) and the end (test), which tells tests apart.
  return s.length > 100 ? `${s.slice(0, 35)}~${s.slice(-64)}` : s;
}
