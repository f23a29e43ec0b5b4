import * as vscode from 'vscode';
import type { QuestionLookup } from '../bank/types';
import { analyze } from '../core/analyze';
import type { StarCoachOptions } from '../core/options';
import type { AnalyzeResult } from '../core/types';
import { ConfigError, ConfigFinder, loadConfigFile, CONFIG_FILE_NAME } from '../config/rc-file';
import { RULES } from '../rules';
import { SETTINGS } from './constants';
import { optionsFromSettings } from './settings-mapping';

/** Reads STAR Coach settings and `.starcoachrc.json` into options, per document. */
export class OptionsProvider implements vscode.Disposable {
  private finder = new ConfigFinder();
  private readonly rcCache = new Map<string, StarCoachOptions>();
  private readonly reported = new Set<string>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when settings or an rc file change, so analyses can be redone. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  constructor(private readonly output: vscode.OutputChannel) {
    const reset = (): void => {
      this.finder = new ConfigFinder();
      this.rcCache.clear();
      this.reported.clear();
      this.changeEmitter.fire();
    };
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(reset),
      watcher.onDidChange(reset),
      watcher.onDidDelete(reset),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SETTINGS.section)) reset();
      }),
    );
  }

  /** The settings object for a document's scope. */
  configuration(scope?: vscode.Uri): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SETTINGS.section, scope);
  }

  /** Options for one file: rc file first, workspace settings on top (settings win). */
  optionsFor(uri: vscode.Uri): StarCoachOptions {
    const config = this.configuration(uri);
    // Only values the user set count: defaults must not override the rc file.
    const userValue = (key: string): unknown => {
      const inspected = config.inspect(key);
      return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    };
    const severities: Record<string, unknown> = {};
    for (const rule of RULES) {
      const value = userValue(`${SETTINGS.severityPrefix}.${rule.alias}`);
      if (value !== undefined) severities[rule.alias] = value;
    }
    const { options, problems } = optionsFromSettings(
      { severities, requiredSections: userValue(SETTINGS.requiredSections), synonyms: userValue(SETTINGS.synonyms) },
      this.rcOptions(uri),
    );
    this.report(problems);
    return options;
  }

  private rcOptions(uri: vscode.Uri): StarCoachOptions {
    if (uri.scheme !== 'file') return {};
    const path = this.finder.find(uri.fsPath);
    if (!path) return {};
    let options = this.rcCache.get(path);
    if (!options) {
      try {
        options = loadConfigFile(path);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        this.report([error.message]);
        options = {};
      }
      this.rcCache.set(path, options);
    }
    return options;
  }

  // Each configuration problem is shown once, not on every keystroke.
  private report(problems: string[]): void {
    const fresh = problems.filter((problem) => !this.reported.has(problem));
    if (fresh.length === 0) return;
    for (const problem of fresh) {
      this.reported.add(problem);
      this.output.appendLine(`[config] ${problem}`);
    }
    void vscode.window.showWarningMessage(`STAR Coach: ${fresh[0]}${fresh.length > 1 ? ` (and ${fresh.length - 1} more; see Output › STAR Coach)` : ''}`);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** Documents larger than this are not analyzed while typing; drafts are far smaller. */
export const MAX_ANALYZED_LENGTH = 2_000_000;

/** The question bank analyses link answers to, and an event for when it is reloaded. */
export interface QuestionsSource {
  readonly bank: QuestionLookup;
  readonly onDidChange: vscode.Event<void>;
}

/**
 * Analyzes documents once per version and shares the result with diagnostics, code
 * actions, symbols, CodeLens and the status bar, so no provider re-parses.
 */
export class AnalysisService implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; generation: number; result: AnalyzeResult | undefined }>();
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly options: OptionsProvider,
    private readonly questions: QuestionsSource,
  ) {
    this.disposables.push(
      options.onDidChange(() => this.generation++),
      questions.onDidChange(() => this.generation++),
      vscode.workspace.onDidCloseTextDocument((document) => this.cache.delete(document.uri.toString())),
    );
  }

  /** Whether STAR Coach looks at this document at all (language, enable flag, exclude globs). */
  isCandidate(document: vscode.TextDocument): boolean {
    if (document.languageId !== 'markdown') return false;
    const config = this.options.configuration(document.uri);
    if (!config.get<boolean>(SETTINGS.enable, true)) return false;
    return !this.matchesAny(document, config.get<string[]>(SETTINGS.exclude, []));
  }

  private matchesAny(document: vscode.TextDocument, globs: string[]): boolean {
    return globs.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
  }

  /**
   * The analysis of a document's current version, or undefined when STAR Coach does not
   * look at it. Cached per version, so cursor moves and every provider share one analysis.
   */
  analyze(document: vscode.TextDocument): AnalyzeResult | undefined {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version && cached.generation === this.generation) return cached.result;
    let result: AnalyzeResult | undefined;
    if (this.isCandidate(document)) {
      const text = document.getText();
      if (text.length <= MAX_ANALYZED_LENGTH) {
        const config = this.options.configuration(document.uri);
        const forceDraft = this.matchesAny(document, config.get<string[]>(SETTINGS.include, [])) ? true : undefined;
        result = analyze(text, { ...this.options.optionsFor(document.uri), fileName: document.uri.path, forceDraft, questions: this.questions.bank });
      }
    }
    this.cache.set(key, { version: document.version, generation: this.generation, result });
    return result;
  }

  /** Analyzes a file that is not open in an editor (workspace check). */
  analyzeText(uri: vscode.Uri, text: string): AnalyzeResult {
    return analyze(text, { ...this.options.optionsFor(uri), fileName: uri.path, questions: this.questions.bank });
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
