import * as vscode from 'vscode';
import { pickRandom } from '../bank/tree';
import type { BankQuestion } from '../bank/types';
import { practiceBody, practiceFromQuestion, practiceFromStory, type PracticeContent, type Story } from '../engine/report';
import { webviewOptions, webviewPage } from './report-panel';
import type { StoryBankService } from './story-bank-service';

/** Practice mode: one webview panel, replaced content for each new practice. */
export class PracticePanel implements vscode.Disposable {
  static readonly viewType = 'starCoach.practice';
  private panel: vscode.WebviewPanel | undefined;
  /** Numbers each practice shown, so the view starts afresh for a new one (see practiceBody). */
  private sessions = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: StoryBankService,
  ) {}

  /** The HTML shown now, for tests. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  /** Practises one story. */
  story(story: Story): vscode.WebviewPanel {
    return this.show(practiceFromStory(story, this.service.answerOf(story)));
  }

  /** Practises a bank question (a random one when none is given), with the writer's story for it if any. */
  question(questions: readonly BankQuestion[], question: BankQuestion | undefined = pickRandom(questions)): vscode.WebviewPanel | undefined {
    if (!question) return undefined;
    const stories = this.service.report.stories.filter((s) => s.question?.id === question.id);
    const story = stories.find((s) => !s.question?.likely) ?? stories[0];
    return this.show(practiceFromQuestion(question, story, story && this.service.answerOf(story)));
  }

  private show(content: PracticeContent): vscode.WebviewPanel {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(PracticePanel.viewType, 'STAR Coach Practice', vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'star-coach.svg');
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else this.panel.reveal();
    this.panel.webview.html = webviewPage(this.panel.webview, this.extensionUri, { title: 'STAR Coach Practice', css: 'practice.css', script: 'practice.js', body: practiceBody(content, String(++this.sessions)) });
    return this.panel;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
