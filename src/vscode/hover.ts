import * as vscode from 'vscode';
import { answerText, keyPointCoverage, linkedQuestion } from '../bank/coverage';
import { coachingNotesMarkdown } from '../bank/tree';
import type { Answer } from '../core/types';
import type { AnalysisService } from './analysis';
import type { QuestionBankService } from './bank-service';
import { toVscodeRange } from './diagnostics';

const FRONT_MATTER_QUESTION = /^question\s*:/;

/**
 * Shows a bank question's coaching notes when hovering the title of an answer linked to
 * it (or the front matter `question:` line), with each key point ticked when the answer
 * already covers it.
 */
export class QuestionHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly service: QuestionBankService,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.analysis.analyze(document);
    if (!result) return undefined;
    const line = position.line + 1;
    const titled = result.answers.find((answer) => answer.titleRange && answer.titleRange.start.line <= line && line <= answer.titleRange.end.line);
    if (titled) return this.hoverFor(titled, toVscodeRange(titled.titleRange!));
    const first = result.answers[0];
    if (first?.questionId && this.inFrontMatter(document, position.line) && FRONT_MATTER_QUESTION.test(document.lineAt(position.line).text)) {
      return this.hoverFor(first, document.lineAt(position.line).range);
    }
    return undefined;
  }

  private hoverFor(answer: Answer, range: vscode.Range): vscode.Hover | undefined {
    const bank = this.service.bank;
    const question = linkedQuestion(answer, bank);
    if (!question) return undefined;
    const source = bank.customSource(question.id);
    const notes = coachingNotesMarkdown(question, {
      categoryLabel: bank.categoryLabel(question.category),
      coverage: keyPointCoverage(question, answerText(answer)),
      source: source && vscode.workspace.asRelativePath(source),
    });
    return new vscode.Hover(new vscode.MarkdownString(notes), range);
  }

  // Front matter is the block between a `---` on the first line and the next `---` or `...`.
  private inFrontMatter(document: vscode.TextDocument, line: number): boolean {
    if (line === 0 || document.lineAt(0).text.trimEnd() !== '---') return false;
    for (let index = 1; index < line; index++) {
      if (/^(?:---|\.\.\.)\s*$/.test(document.lineAt(index).text)) return false;
    }
    return true;
  }
}
