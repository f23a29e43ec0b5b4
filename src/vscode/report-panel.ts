import * as vscode from 'vscode';
import { escapeHtml, reportHtmlBody } from '../engine/report';
import { COMMANDS } from './constants';
import type { StoryBankService } from './story-bank-service';

/** The folder webviews may load from, and nothing else. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'media', 'webview')];
}

/** Webview options shared by the report and practice panels: scripts on, only the media folder. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: webviewRoots(extensionUri), retainContextWhenHidden: false };
}

/** A random nonce for the one script a page runs. */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A webview page under a strict content security policy: nothing by default, styles only
 * from the extension (webview.cspSource), the one script only with this page's nonce, no
 * remote content of any kind.
 */
export function webviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: { title: string; css: string; script: string; body: string }): string {
  const nonce = makeNonce();
  const asset = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'webview', name)).toString();
  const csp = `default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<link rel="stylesheet" href="${escapeHtml(asset('base.css'))}">`,
    `<link rel="stylesheet" href="${escapeHtml(asset(page.css))}">`,
    '</head><body>',
    page.body,
    `<script nonce="${nonce}" src="${escapeHtml(asset(page.script))}"></script>`,
    '</body></html>',
  ].join('\n');
}

/** Opens a story's file with the cursor on its line. */
export async function openStory(file: string, line: number): Promise<void> {
  const uri = vscode.Uri.parse(file, true);
  const position = new vscode.Position(Math.max(0, line - 1), 0);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: false });
}

/**
 * The coverage report: the story bank's matrix in a webview, re-rendered when the bank
 * changes. Its links open the story at its line (the page posts a message; the extension
 * opens the file). One panel at a time.
 */
export class ReportPanel implements vscode.Disposable {
  static readonly viewType = 'starCoach.storyBankReport';
  private panel: vscode.WebviewPanel | undefined;
  /** The body shown now: a change that leaves it as it is does not reload the page (and its scroll position). */
  private shown = '';
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: StoryBankService,
  ) {
    this.disposables.push(service.onDidChange(() => this.render()));
  }

  /** Shows the report, scanning the workspace first when it has not been. */
  async show(): Promise<vscode.WebviewPanel> {
    if (this.panel) this.panel.reveal();
    else {
      const panel = vscode.window.createWebviewPanel(ReportPanel.viewType, 'Story Bank Coverage', vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
      panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'star-coach.svg');
      this.panel = panel;
      panel.onDidDispose(() => ((this.panel = undefined), (this.shown = '')), undefined, this.disposables);
      panel.webview.onDidReceiveMessage((message: { type?: string; file?: unknown; line?: unknown }) => {
        if (message.type === 'open' && typeof message.file === 'string' && typeof message.line === 'number') void openStory(message.file, message.line);
        else if (message.type === 'practice') void vscode.commands.executeCommand(COMMANDS.storyBankPracticeRandom);
        else if (message.type === 'refresh') void vscode.commands.executeCommand(COMMANDS.storyBankRefresh);
      }, undefined, this.disposables);
      this.render();
    }
    if (!this.service.ready) await this.service.scan();
    return this.panel!;
  }

  /** The HTML the panel shows now, for tests. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  private render(): void {
    if (!this.panel) return;
    const report = this.service.report;
    const toolbar = '<div class="toolbar"><button data-command="practice">Practice a random question</button><button class="secondary" data-command="refresh">Rescan the workspace</button></div>';
    const status = this.service.ready ? '' : '<p class="summary">Reading the drafts in the workspace…</p>';
    const body = reportHtmlBody(report, (story) => ({ href: '#', 'data-file': story.file, 'data-line': String(story.line), title: `${vscode.workspace.asRelativePath(vscode.Uri.parse(story.file, true))}:${story.line}` }));
    const page = `${status}${body}${toolbar}`;
    if (page === this.shown) return;
    this.shown = page;
    this.panel.webview.html = webviewPage(this.panel.webview, this.extensionUri, { title: 'Story Bank Coverage', css: 'report.css', script: 'report.js', body: page });
  }

  dispose(): void {
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
