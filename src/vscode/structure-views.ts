import * as vscode from 'vscode';
import { missingByAnswer } from '../core/fix-all';
import { answerReadiness, requiredParts, type Readiness } from '../engine/readiness';
import type { StarCoachOptions } from '../engine/options';
import { SECTION_TITLES, type AnalyzeResult, type Answer } from '../core/types';
import type { AnalysisService } from './analysis';
import { COMMANDS, MARKDOWN_SELECTOR } from './constants';
import type { DiagnosticsController } from './diagnostics';
import { toVscodeRange } from './diagnostics';
import { answerDetail, lensTitle, nextStep, readinessCount, readinessLines, sectionDetail } from './summaries';

/** How long the Outline waits for the analysis after the typing pause before it takes the one there is. */
const SYMBOLS_WAIT_MS = 5000;

/**
 * A document's options and their JSON. The options provider keeps one options object per
 * document until they change, so the JSON is made once per change, not on every keystroke.
 */
const optionsJson = new WeakMap<StarCoachOptions, string>();
function optionsOf(analysis: AnalysisService, uri: vscode.Uri): { options: StarCoachOptions; key: string } {
  const options = analysis.options.optionsFor(uri);
  let key = optionsJson.get(options);
  if (key === undefined) optionsJson.set(options, (key = JSON.stringify(options)));
  return { options, key };
}

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
  const { options, key } = optionsOf(analysis, document.uri);
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
 * The options' JSON is one shared string, compared by reference, not joined to each answer's key.
 */
const answerReadinessOf = new WeakMap<Answer, { options: string; silenced: string; readiness: Readiness }>();
function readinessByAnswer(result: AnalyzeResult, options: StarCoachOptions, optionsKey: string): Readiness[] {
  const reported = missingByAnswer(result);
  const required = requiredParts(options);
  return result.answers.map((answer, index) => {
    const missing = reported.get(index) ?? [];
    const silencedKinds = required.filter((kind) => !missing.includes(kind));
    const silenced = silencedKinds.join(',');
    const known = answerReadinessOf.get(answer);
    if (known && known.options === optionsKey && known.silenced === silenced) return known.readiness;
    const readiness = answerReadiness(answer, options, silencedKinds);
    answerReadinessOf.set(answer, { options: optionsKey, silenced, readiness });
    return readiness;
  });
}

/**
 * A view item made for an answer, reused while the answer, its readiness, what the view
 * depends on (`key`, one string per request) and its shape are the same. An answer below an
 * edit moves by whole lines with its block, and its index changes when answers are added or
 * removed above: its item is then moved (`move`) rather than made again, so its texts are not
 * worked out again.
 */
function perAnswer<T>(cache: WeakMap<Answer, PerAnswer<T>>, answer: Answer, index: number, readiness: Readiness, key: string, shape: string, make: () => T, move: (value: T, lines: number) => T): T {
  const known = cache.get(answer);
  const line = answer.range.start.line;
  if (known && known.readiness === readiness && known.shape === shape && known.key === key) {
    if (known.line === line && known.index === index) return known.value;
    known.value = move(known.value, line - known.line);
    known.line = line;
    known.index = index;
    return known.value;
  }
  const value = make();
  cache.set(answer, { key, shape, line, index, readiness, value });
  return value;
}
interface PerAnswer<T> {
  key: string;
  /** The answer's ranges relative to its first line (`shapeOf`). */
  shape: string;
  /** The answer's first line and index when `value` was made or moved. */
  line: number;
  index: number;
  readiness: Readiness;
  value: T;
}
const answerLenses = new WeakMap<Answer, PerAnswer<vscode.CodeLens>>();
const answerSymbols = new WeakMap<Answer, PerAnswer<vscode.DocumentSymbol>>();

/** An answer's ranges relative to its first line, with `extra` (what else its item shows). */
function shapeOf(answer: Answer, extra: string): string {
  const { start, end } = answer.range;
  const title = answer.titleRange ?? answer.sections[0]?.labelRange;
  return `${extra}:${start.column}:${end.line - start.line}:${end.column}:${title && title.start.line - start.line}:${title?.start.column}:${title && title.end.line - start.line}:${title?.end.column}`;
}

function movedRange(range: vscode.Range, lines: number): vscode.Range {
  return new vscode.Range(range.start.line + lines, range.start.character, range.end.line + lines, range.end.character);
}

/** An answer's symbol moved down (or up) by whole lines, with its sections. */
function moveSymbol(symbol: vscode.DocumentSymbol, lines: number): vscode.DocumentSymbol {
  symbol.range = movedRange(symbol.range, lines);
  symbol.selectionRange = movedRange(symbol.selectionRange, lines);
  for (const child of symbol.children) moveSymbol(child, lines);
  return symbol;
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

/** A lens's command: its title, the readiness lines as its tooltip, and what a click does. */
function lensCommand(document: vscode.TextDocument, index: number, readiness: Readiness, title: string): vscode.Command {
  const command = clickCommand(document, index, readiness, title);
  // A lens needs a command to show; '' shows the text without making it a link.
  return { title, tooltip: readinessLines(readiness, command !== undefined).join('\n'), command: command?.command ?? '', arguments: command?.arguments };
}

/** Outline and breadcrumbs: each answer with its STAR sections and its readiness. */
export class StarSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly diagnostics: DiagnosticsController,
  ) {}

  /**
   * VS Code asks for the symbols once after an edit and has no event to ask again, so symbols
   * given from the analysis before the edit stayed in the Outline until the next edit (seen in
   * a CI run: the Result just typed was missing from it). Behind the text, the answer waits
   * for the analysis after the typing pause; the Outline keeps the old symbols meanwhile.
   */
  async provideDocumentSymbols(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentSymbol[]> {
    if (this.analysis.isBehind(document)) await this.diagnostics.nextUpdate(document, token, SYMBOLS_WAIT_MS);
    if (token.isCancellationRequested) return [];
    const analyzed = analyzeWithReadiness(this.analysis, document);
    if (!analyzed) return [];
    const key = `${document.uri.toString()}\u0000${optionsOf(this.analysis, document.uri).key}`;
    return memoized(symbolsOf, analyzed.result, key, () => this.symbols(analyzed, key));
  }

  private symbols(analyzed: { result: AnalyzeResult; readiness: Readiness[] }, key: string): vscode.DocumentSymbol[] {
    // The name of an untitled answer tells its place among the answers.
    return analyzed.result.answers.map((answer, index) => perAnswer(answerSymbols, answer, index, analyzed.readiness[index], key, shapeOf(answer, answer.title ? '' : String(index)), () => {
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
    }, moveSymbol));
  }
}

/**
 * Registers the Outline provider, and registers it again whenever settings or an rc file
 * change: VS Code keeps a document's symbols until its text changes, but their details
 * (`STAR 3/3`, `optional`) depend on the options.
 */
export function registerSymbolProvider(analysis: AnalysisService, diagnostics: DiagnosticsController): vscode.Disposable {
  const register = (): vscode.Disposable => vscode.languages.registerDocumentSymbolProvider(MARKDOWN_SELECTOR, new StarSymbolProvider(analysis, diagnostics), { label: 'STAR Coach' });
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
    const key = `${document.uri.toString()}\u0000${rate}\u0000${optionsOf(this.analysis, document.uri).key}`;
    return memoized(lensesOf, analyzed.result, key, () => analyzed.result.answers.map((answer, index) => {
      const readiness = analyzed.readiness[index];
      return perAnswer(answerLenses, answer, index, readiness, key, shapeOf(answer, ''), () => {
        const range = toVscodeRange(answer.titleRange ?? answer.sections[0].labelRange);
        return new vscode.CodeLens(range, lensCommand(document, index, readiness, lensTitle(readiness, answer.words, rate, answer.score)));
      }, (lens, lines) => {
        lens.range = movedRange(lens.range, lines);
        // The click names the answer by its index, or selects a part by its position.
        const click = clickCommand(document, index, readiness, lens.command!.title);
        lens.command = { ...lens.command!, command: click?.command ?? '', arguments: click?.arguments };
        return lens;
      });
    }));
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
