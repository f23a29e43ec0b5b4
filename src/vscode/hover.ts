import * as vscode from 'vscode';
import { answerText, keyPointCoverage, linkedQuestion } from '../bank/coverage';
import { coachingNotesMarkdown } from '../bank/tree';
import { followUpQuestions } from '../engine/follow-ups';
import type { Readiness } from '../engine/readiness';
import { explainScore } from '../engine/score';
import type { Answer } from '../core/types';
import type { AnalysisService } from './analysis';
import type { QuestionBankService } from './bank-service';
import { toVscodeRange } from './diagnostics';
import { analyzeWithReadiness, escapeMarkdown } from './structure-views';
import { followUpsMarkdown, lensTitle, readinessLines, scoreMarkdown } from './summaries';

const FRONT_MATTER_QUESTION = /^question\s*:/;

/**
 * Hovering an answer's title shows how far along it is (the same readiness the CodeLens
 * and status bar show) and, for an answer linked to a bank question (also on the front
 * matter `question:` line), the question's coaching notes with each key point ticked when
 * the answer already covers it. Above the notes: the answer's score, each dimension's points
 * with links to the lines that earned or lost them, and the follow-up questions it invites.
 */
export class QuestionHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly service: QuestionBankService,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const analyzed = analyzeWithReadiness(this.analysis, document);
    if (!analyzed) return undefined;
    const { result, readiness } = analyzed;
    const line = position.line + 1;
    const index = result.answers.findIndex((answer) => answer.titleRange && answer.titleRange.start.line <= line && line <= answer.titleRange.end.line);
    if (index >= 0) return this.hoverFor(document, result.answers[index], readiness[index], toVscodeRange(result.answers[index].titleRange!));
    const first = result.answers[0];
    if (first?.questionId && this.inFrontMatter(document, position.line) && FRONT_MATTER_QUESTION.test(document.lineAt(position.line).text)) {
      return this.hoverFor(document, first, readiness[0], document.lineAt(position.line).range);
    }
    return undefined;
  }

  private hoverFor(document: vscode.TextDocument, answer: Answer, readiness: Readiness, range: vscode.Range): vscode.Hover {
    const wordsPerMinute = this.analysis.options.settings.get(document.uri).wordsPerMinute;
    const lines = [lensTitle(readiness, answer.words, wordsPerMinute, answer.score), ...readinessLines(readiness, false)];
    const markdown = new vscode.MarkdownString(lines.map(escapeMarkdown).join('\n\n'));
    const bank = this.service.bank;
    // The analyzed text is the document's (same length, same offsets): the score's ranges point into it.
    const text = document.getText();
    const link = (line: number): string => document.uri.with({ fragment: `L${line}` }).toString();
    markdown.appendMarkdown(`\n\n---\n\n${scoreMarkdown(explainScore(text, answer, { questions: bank, wordsPerMinute }), link)}`);
    const followUps = followUpsMarkdown(followUpQuestions(text, answer, bank));
    if (followUps) markdown.appendMarkdown(`\n\n${followUps}`);
    const question = linkedQuestion(answer, bank);
    if (question) {
      const source = bank.customSource(question.id);
      const notes = coachingNotesMarkdown(question, {
        categoryLabel: bank.categoryLabel(question.category),
        coverage: keyPointCoverage(question, answerText(answer)),
        source: source && vscode.workspace.asRelativePath(source),
      });
      markdown.appendMarkdown(`\n\n---\n\n${notes}`);
    }
    return new vscode.Hover(markdown, range);
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
