import * as vscode from 'vscode';
import { missingByAnswer } from '../core/fix-all';
import { answerReadiness, requiredParts, type Readiness } from '../core/readiness';
import { SECTION_TITLES, type AnalyzeResult, type Answer } from '../core/types';
import type { AnalysisService } from './analysis';
import { COMMANDS, MARKDOWN_SELECTOR } from './constants';
import type { DiagnosticsController } from './diagnostics';
import { toVscodeRange } from './diagnostics';
import { answerDetail, lensTitle, nextStep, readinessCount, readinessLines, sectionDetail } from './summaries';

/**
 * Readiness worked out per analysis and options: the status bar asks on every cursor move
 * (every typed character), CodeLens and Outline after every change, and a 200k-word bank has
 * 1,500 answers.
 */
const readinessOf = new WeakMap<AnalyzeResult, { options: string; readiness: Readiness[] }>();

/** A document's analysis with each answer's readiness under the options it was analyzed with. */
export function analyzeWithReadiness(analysis: AnalysisService, document: vscode.TextDocument): { result: AnalyzeResult; readiness: Readiness[] } | undefined {
  const result = analysis.latest(document);
  if (!result) return undefined;
  const options = analysis.options.optionsFor(document.uri);
  const key = JSON.stringify(options);
  const known = readinessOf.get(result);
  if (known?.options === key) return { result, readiness: known.readiness };
  const readiness = readinessByAnswer(result, options, key);
  readinessOf.set(result, { options: key, readiness });
  return { result, readiness };
}

/**
 * Each answer's readiness, as `documentReadiness` works it out, kept per answer: the
 * incremental engine keeps the answers of unchanged blocks as the same objects from one
 * analysis to the next, so after an edit only the edited answers are worked out again.
 */
const answerReadinessOf = new WeakMap<Answer, { key: string; readiness: Readiness }>();
function readinessByAnswer(result: AnalyzeResult, options: ReturnType<AnalysisService['options']['optionsFor']>, optionsKey: string): Readiness[] {
  const reported = missingByAnswer(result);
  const required = requiredParts(options);
  return result.answers.map((answer, index) => {
    const missing = reported.get(index) ?? [];
    const silenced = required.filter((kind) => !missing.includes(kind));
    const key = `${optionsKey}\u0000${silenced.join(',')}`;
    const known = answerReadinessOf.get(answer);
    if (known?.key === key) return known.readiness;
    const readiness = answerReadiness(answer, options, silenced);
    answerReadinessOf.set(answer, { key, readiness });
    return readiness;
  });
}

/** A view item made for an answer, reused while the answer, its readiness and its place are the same. */
function perAnswer<T>(cache: WeakMap<Answer, { key: string; readiness: Readiness; value: T }>, answer: Answer, readiness: Readiness, key: string, make: () => T): T {
  const known = cache.get(answer);
  if (known && known.readiness === readiness && known.key === key) return known.value;
  const value = make();
  cache.set(answer, { key, readiness, value });
  return value;
}
const answerLenses = new WeakMap<Answer, { key: string; readiness: Readiness; value: vscode.CodeLens }>();
const answerSymbols = new WeakMap<Answer, { key: string; readiness: Readiness; value: vscode.DocumentSymbol }>();
/** Where an answer is: a moved answer keeps its objects, with new lines. */
function placeOf(answer: Answer, index: number): string {
  const { start, end } = answer.range;
  const title = answer.titleRange ?? answer.sections[0]?.labelRange;
  return `${index}:${start.line}:${start.column}:${end.line}:${end.column}:${title?.start.line}:${title?.start.column}:${title?.end.line}:${title?.end.column}`;
}

/** Views built for an analysis, by what else they depend on; VS Code asks again after each keystroke. */
function memoized<T>(cache: WeakMap<AnalyzeResult, { key: string; value: T }>, result: AnalyzeResult, key: string, make: () => T): T {
  const known = cache.get(result);
  if (known?.key === key) return known.value;
  const value = make();
  cache.set(result, { key, value });
  return value;
}
const lensesOf = new WeakMap<AnalyzeResult, { key: string; value: vscode.CodeLens[] }>();
const symbolsOf = new WeakMap<AnalyzeResult, { key: string; value: vscode.DocumentSymbol[] }>();


/**
 * What a click on the status bar or CodeLens runs for an answer, matching what its text
 * says: insert the missing required parts, or put the cursor in the first part not yet
 * written, or nothing when the answer is ready.
 */
function clickCommand(document: vscode.TextDocument, index: number, readiness: Readiness, title: string): vscode.Command | undefined {
  const step = nextStep(readiness);
  if (step.kind === 'insert') return { title, command: COMMANDS.insertMissingSectionsForAnswer, arguments: [document.uri, index] };
  if (step.kind === 'write' && step.part.section) {
    const section = step.part.section;
    const at = toVscodeRange(section.labelRange).end;
    const selection = section.text ? contentRange(document, section) ?? new vscode.Range(at, at) : new vscode.Range(at, at);
    return { title, command: 'vscode.open', arguments: [document.uri, { selection } satisfies vscode.TextDocumentShowOptions] };
  }
  return undefined;
}

/** The range of an empty section's placeholder text after its label, so the writer types over it. */
function contentRange(document: vscode.TextDocument, section: Answer['sections'][number]): vscode.Range | undefined {
  const range = toVscodeRange(section.range);
  const label = toVscodeRange(section.labelRange);
  const text = document.getText(new vscode.Range(label.end, range.end));
  const at = text.indexOf(section.text);
  if (at < 0) return undefined;
  const start = document.positionAt(document.offsetAt(label.end) + at);
  return new vscode.Range(start, document.positionAt(document.offsetAt(start) + section.text.length));
}

/** Outline and breadcrumbs: each answer with its STAR sections and its readiness. */
export class StarSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly analysis: AnalysisService) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const analyzed = analyzeWithReadiness(this.analysis, document);
    if (!analyzed) return [];
    return memoized(symbolsOf, analyzed.result, `${document.uri.toString()}\u0000${JSON.stringify(this.analysis.options.optionsFor(document.uri))}`, () => this.symbols(analyzed));
  }

  private symbols(analyzed: { result: AnalyzeResult; readiness: Readiness[] }): vscode.DocumentSymbol[] {
    return analyzed.result.answers.map((answer, index) => perAnswer(answerSymbols, answer, analyzed.readiness[index], placeOf(answer, index), () => {
      const readiness = analyzed.readiness[index];
      const range = toVscodeRange(answer.range);
      const symbol = new vscode.DocumentSymbol(
        answer.title ?? `Answer ${index + 1}`,
        answerDetail(readiness, answer.words),
        vscode.SymbolKind.Class,
        range,
        answer.titleRange ? toVscodeRange(answer.titleRange) : toVscodeRange(answer.sections[0].labelRange),
      );
      symbol.children = answer.sections.map((section) => {
        const sectionRange = toVscodeRange(section.range);
        return new vscode.DocumentSymbol(
          section.kinds.map((kind) => SECTION_TITLES[kind]).join(' / '),
          sectionDetail(section, readiness),
          vscode.SymbolKind.Field,
          range.contains(sectionRange) ? sectionRange : range,
          toVscodeRange(section.labelRange),
        );
      });
      return symbol;
    }));
  }
}

/**
 * Registers the Outline provider, and registers it again whenever settings or an rc file
 * change: VS Code keeps a document's symbols until its text changes, but their details
 * (`STAR 3/3`, `optional`) depend on the options.
 */
export function registerSymbolProvider(analysis: AnalysisService): vscode.Disposable {
  const register = (): vscode.Disposable => vscode.languages.registerDocumentSymbolProvider(MARKDOWN_SELECTOR, new StarSymbolProvider(analysis), { label: 'STAR Coach' });
  let registration = register();
  const subscription = analysis.options.onDidChange(() => {
    registration.dispose();
    registration = register();
  });
  return {
    dispose: () => {
      subscription.dispose();
      registration.dispose();
    },
  };
}

/** A lens above each answer with its parts and spoken length; click to insert what is missing. */
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
    const settings = this.analysis.options.settings.get(document.uri);
    if (!settings.codeLensEnabled) return [];
    const analyzed = analyzeWithReadiness(this.analysis, document);
    if (!analyzed) return [];
    const rate = settings.wordsPerMinute;
    const key = `${document.uri.toString()}\u0000${rate}\u0000${JSON.stringify(this.analysis.options.optionsFor(document.uri))}`;
    return memoized(lensesOf, analyzed.result, key, () => analyzed.result.answers.map((answer, index) => perAnswer(answerLenses, answer, analyzed.readiness[index], `${key}\u0000${placeOf(answer, index)}`, () => {
      const readiness = analyzed.readiness[index];
      const range = toVscodeRange(answer.titleRange ?? answer.sections[0].labelRange);
      const title = lensTitle(readiness, answer.words, rate, answer.score);
      const command = clickCommand(document, index, readiness, title);
      // A lens needs a command to show; '' shows the text without making it a link.
      return new vscode.CodeLens(range, {
        title,
        tooltip: readinessLines(readiness, command !== undefined).join('\n'),
        command: command?.command ?? '',
        arguments: command?.arguments,
      });
    })));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

/** Text shown as itself in markdown: its syntax characters backslash-escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** What the status bar item shows now; `visible` is false when the cursor is in no answer. */
export interface StatusBarState {
  visible: boolean;
  text: string;
  tooltip: string;
  command: vscode.Command | undefined;
}

/** "STAR 3/3" for the answer at the cursor in the active draft; hidden elsewhere, the file's own title included. */
export class StarStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('starCoach.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private current: StatusBarState = { visible: false, text: '', tooltip: '', command: undefined };

  constructor(
    private readonly analysis: AnalysisService,
    diagnostics: DiagnosticsController,
  ) {
    this.item.name = 'STAR Coach';
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

  /** What the item shows, for tests and for anyone reading the status bar without a screen. */
  get state(): StatusBarState {
    return this.current;
  }

  update(): void {
    this.current = this.compute();
    const { visible, text, tooltip, command } = this.current;
    if (!visible) {
      this.item.hide();
      return;
    }
    this.item.text = text;
    // The title in bold, then one paragraph per line. Markdown syntax is escaped by hand:
    // appendText would also turn every space into &nbsp;, and long lines would not wrap.
    const [title, ...rest] = tooltip.split('\n').map(escapeMarkdown);
    this.item.tooltip = new vscode.MarkdownString([`**${title}**`, ...rest].join('\n\n'));
    this.item.command = command;
    this.item.show();
  }

  private compute(): StatusBarState {
    const hidden: StatusBarState = { visible: false, text: '', tooltip: '', command: undefined };
    const editor = vscode.window.activeTextEditor;
    const stopped = editor && this.analysis.tooComplex(editor.document);
    if (stopped) return { visible: true, text: '$(warning) STAR: too complex to check', tooltip: `STAR Coach stopped checking this document\n${stopped}; see the STAR Coach output.`, command: undefined };
    const analyzed = editor && analyzeWithReadiness(this.analysis, editor.document);
    if (!editor || !analyzed) return hidden;
    const line = editor.selection.active.line + 1;
    const index = analyzed.result.answers.findIndex((a) => a.range.start.line <= line && line <= a.range.end.line);
    if (index < 0) return hidden;
    const answer = analyzed.result.answers[index];
    const readiness = analyzed.readiness[index];
    const command = clickCommand(editor.document, index, readiness, 'STAR Coach');
    const words = `${answer.words} ${answer.words === 1 ? 'word' : 'words'}` + (answer.metrics.length ? ` · outcomes: ${answer.metrics.join(', ')}` : '');
    const lines = [answer.title ?? 'This answer', ...readinessLines(readiness, command !== undefined), words];
    return { visible: true, text: `$(checklist) ${readinessCount(readiness)}`, tooltip: lines.join('\n'), command };
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
