import * as vscode from 'vscode';
import { SECTION_TITLES, type AnalyzeResult } from '../core/types';
import type { AnalysisService } from './analysis';
import { COMMANDS, SETTINGS } from './constants';
import type { DiagnosticsController } from './diagnostics';
import { toVscodeRange } from './diagnostics';
import { completeness, lensTitle } from './summaries';

/** Outline and breadcrumbs: each answer with its STAR sections. */
export class StarSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly analysis: AnalysisService) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const result = this.analysis.analyze(document);
    if (!result) return [];
    return result.answers.map((answer, index) => {
      const present = completeness(answer).filter((p) => p.present).length;
      const range = toVscodeRange(answer.range);
      const symbol = new vscode.DocumentSymbol(
        answer.title ?? `Answer ${index + 1}`,
        `STAR ${present}/5 · ${answer.words} words`,
        vscode.SymbolKind.Class,
        range,
        answer.titleRange ? toVscodeRange(answer.titleRange) : toVscodeRange(answer.sections[0].labelRange),
      );
      symbol.children = answer.sections.map((section) => {
        const sectionRange = toVscodeRange(section.range);
        return new vscode.DocumentSymbol(
          section.kinds.map((kind) => SECTION_TITLES[kind]).join(' / '),
          section.empty ? 'empty' : `${section.words} words`,
          vscode.SymbolKind.Field,
          range.contains(sectionRange) ? sectionRange : range,
          toVscodeRange(section.labelRange),
        );
      });
      return symbol;
    });
  }
}

/** A lens above each answer with its completeness and spoken length; click to insert what is missing. */
export class StarCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changeEmitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly analysis: AnalysisService,
    diagnostics: DiagnosticsController,
  ) {
    this.subscription = diagnostics.onDidUpdate(() => this.changeEmitter.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const config = this.analysis.options.configuration(document.uri);
    if (!config.get<boolean>(SETTINGS.codeLens, true)) return [];
    const result = this.analysis.analyze(document);
    if (!result) return [];
    const wordsPerMinute = config.get<number>(SETTINGS.wordsPerMinute, 150);
    return result.answers.map((answer, index) => {
      const range = toVscodeRange(answer.titleRange ?? answer.sections[0].labelRange);
      const missing = completeness(answer).some((p) => !p.present);
      return new vscode.CodeLens(range, {
        title: lensTitle(answer, wordsPerMinute),
        tooltip: missing ? 'Insert the missing sections' : 'All five parts are there',
        command: missing ? COMMANDS.insertMissingSectionsForAnswer : '',
        arguments: [document.uri, index],
      });
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

/** "STAR 4/5" for the answer at the cursor in the active draft; hidden for other files. */
export class StarStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('starCoach.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly analysis: AnalysisService,
    diagnostics: DiagnosticsController,
  ) {
    this.item.name = 'STAR Coach';
    this.item.command = COMMANDS.insertMissingSections;
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor === vscode.window.activeTextEditor) this.update();
      }),
      diagnostics.onDidUpdate((document) => {
        if (document === vscode.window.activeTextEditor?.document) this.update();
      }),
    );
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const result: AnalyzeResult | undefined = editor && this.analysis.analyze(editor.document);
    if (!editor || !result || result.answers.length === 0) {
      this.item.hide();
      return;
    }
    const line = editor.selection.active.line + 1;
    const answer = result.answers.find((a) => a.range.start.line <= line && line <= a.range.end.line) ?? result.answers[0];
    const parts = completeness(answer);
    const present = parts.filter((p) => p.present).length;
    const missing = parts.filter((p) => !p.present).map((p) => SECTION_TITLES[p.kind]);
    this.item.text = `$(checklist) STAR ${present}/5`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${answer.title ?? 'This answer'}**\n\n`);
    tooltip.appendMarkdown(missing.length > 0 ? `Missing: ${missing.join(', ')}. Click to insert them.` : 'All five parts are there.');
    tooltip.appendMarkdown(`\n\n${answer.words} words` + (answer.metrics.length ? ` · outcomes: ${answer.metrics.join(', ')}` : ''));
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
