import * as vscode from 'vscode';
import type { QuestionLookup } from '../bank/types';
import { analyze } from '../core/analyze';
import type { StarCoachOptions } from '../core/options';
import type { AnalyzeResult } from '../core/types';
import { ConfigError, ConfigFinder, loadConfigFile, CONFIG_FILE_NAME } from '../config/rc-file';
import { ANALYZED_SCHEMES, SETTINGS } from './constants';
import { RC_FILE_GROUP, type ConfigurationProblems, type Settings } from './settings';
import { optionsFromSettings } from './settings-mapping';

/** Reads STAR Coach settings and `.starcoachrc.json` into options, per document. */
export class OptionsProvider implements vscode.Disposable {
  private finder = new ConfigFinder();
  private readonly rcCache = new Map<string, StarCoachOptions>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when settings or an rc file change, so analyses can be redone. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  constructor(
    /** The checked `starCoach.*` settings; every provider reads settings through it. */
    readonly settings: Settings,
    private readonly problems: ConfigurationProblems,
  ) {
    const rcFileChanged = (): void => {
      this.finder = new ConfigFinder();
      this.rcCache.clear();
      problems.forget((group) => group === RC_FILE_GROUP);
      this.changeEmitter.fire();
    };
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(rcFileChanged),
      watcher.onDidChange(rcFileChanged),
      watcher.onDidDelete(rcFileChanged),
      settings.onDidChange(() => this.changeEmitter.fire()),
    );
  }

  /**
   * The raw settings object for a document's scope.
   * @deprecated Read values through `settings.get(uri)`, which checks their types.
   */
  configuration(scope?: vscode.Uri): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SETTINGS.section, scope);
  }

  /** Options for one file: rc file first, workspace settings on top (settings win). */
  optionsFor(uri: vscode.Uri): StarCoachOptions {
    const { options, problems } = optionsFromSettings(this.settings.coreSnapshot(uri), this.rcOptions(uri));
    this.settings.reportCoreProblems(problems);
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
        this.problems.report([{ key: RC_FILE_GROUP, message: error.message }]);
        options = {};
      }
      this.rcCache.set(path, options);
    }
    return options;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** A markdown document in a scheme STAR Coach analyzes (before settings are looked at). */
export function isAnalyzable(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' && ANALYZED_SCHEMES.includes(document.uri.scheme);
}

function matchesAny(document: vscode.TextDocument, globs: readonly string[]): boolean {
  return globs.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
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

  /**
   * Whether STAR Coach looks at this document at all: a markdown document the writer edits
   * (not a `git:` copy or an output channel, see ANALYZED_SCHEMES), enabled, not excluded.
   */
  isCandidate(document: vscode.TextDocument): boolean {
    if (!isAnalyzable(document)) return false;
    const settings = this.options.settings.get(document.uri);
    return settings.enable && !matchesAny(document, settings.exclude);
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
        const forceDraft = matchesAny(document, this.options.settings.get(document.uri).include) ? true : undefined;
        result = analyze(text, { ...this.options.optionsFor(document.uri), fileName: document.uri.path, forceDraft, questions: this.questions.bank });
      }
    }
    this.cache.set(key, { version: document.version, generation: this.generation, result });
    return result;
  }

  /**
   * Analyzes a file that is not open in an editor (workspace check), with that file's
   * settings: undefined where STAR Coach is turned off or the file is excluded.
   */
  analyzeText(uri: vscode.Uri, text: string): AnalyzeResult | undefined {
    // Glob settings are matched the way open documents are matched (languages.match reads only
    // the URI and the language of what it is given).
    const closed = { uri, languageId: 'markdown' } as vscode.TextDocument;
    if (!this.isCandidate(closed)) return undefined;
    const forceDraft = matchesAny(closed, this.options.settings.get(uri).include) ? true : undefined;
    return analyze(text, { ...this.options.optionsFor(uri), fileName: uri.path, forceDraft, questions: this.questions.bank });
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
