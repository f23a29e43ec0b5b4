import * as vscode from 'vscode';
import type { QuestionLookup } from '../bank/types';
import { analyze } from '../engine/analyze';
import type { Reanalyze } from '../core/fix-check';
import { IncrementalAnalyzer } from '../engine/incremental';
import { BackgroundAnalyzer } from './analysis-background';
import { AnalysisPool } from './analysis-pool';
import type { SpawnWorker } from './worker-port';
import { LineIndex } from '../core/markdown';
import type { AnalyzeOptions, StarCoachOptions } from '../engine/options';
import type { AnalyzeResult } from '../core/types';
import { ConfigError, ConfigFinder, loadConfig, CONFIG_FILE_NAME } from '../config/rc-file';
import { ANALYZED_SCHEMES, SETTINGS } from './constants';
import { RC_FILE_GROUP, type ConfigurationProblems, type Settings } from './settings';
import { optionsFromSettings } from './settings-mapping';
import { workspaceFiles } from './workspace-files';

/**
 * Reads STAR Coach settings and `.starcoachrc.json` (with what it extends) into options,
 * per document. Rc files are read through `vscode.workspace.fs`, which is asynchronous, so
 * a document whose rc file is still being read is not ready: it is analyzed when the read
 * is done (onDidChange fires). After a change the previous options stay in force until
 * the new ones are read, so findings do not blink.
 */
export class OptionsProvider implements vscode.Disposable {
  private finder = new ConfigFinder(workspaceFiles);
  /** Rc options per document folder (URI string); `null` while being read. */
  private byFolder = new Map<string, StarCoachOptions | null>();
  /** The options before the last rc file change, used until the new ones are read. */
  private previous = new Map<string, StarCoachOptions | null>();
  private extendedWatchers: vscode.Disposable[] = [];
  private readonly watchedExtended = new Set<string>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when settings or an rc file change, and when rc files finish loading, so analyses can be redone. */
  readonly onDidChange = this.changeEmitter.event;
  /**
   * Options per document (URI string) until the next onDidChange: the status bar asks on every
   * keystroke and each analysis asks again, and working them out reads about 30 settings.
   */
  private readonly optionsByDocument = new Map<string, StarCoachOptions>();
  /**
   * The same per workspace folder and directory: settings differ only from one workspace
   * folder to another (a resource's settings are its folder's) and rc files from one
   * directory to another, so the files of a folder share one object, worked out once (a scan
   * of 500 closed drafts read the settings 500 times, about 1 s on the main thread).
   */
  private readonly optionsByScope = new Map<string, StarCoachOptions>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  constructor(
    /** The checked `starCoach.*` settings; every provider reads settings through it. */
    readonly settings: Settings,
    private readonly problems: ConfigurationProblems,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const changed = (): void => this.rcFileChanged();
    this.disposables.push(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed), settings.onDidChange(() => this.changed()));
  }

  /** Options are worked out afresh from here on, then listeners hear of the change. */
  private changed(): void {
    this.optionsByDocument.clear();
    this.optionsByScope.clear();
    this.changeEmitter.fire();
  }

  private rcFileChanged(): void {
    for (const [folder, options] of this.byFolder) if (options) this.previous.set(folder, options);
    this.finder = new ConfigFinder(workspaceFiles);
    this.byFolder = new Map();
    this.problems.forget((group) => group === RC_FILE_GROUP);
    this.changed();
  }

  /**
   * The raw settings object for a document's scope.
   * @deprecated Read values through `settings.get(uri)`, which checks their types.
   */
  configuration(scope?: vscode.Uri): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SETTINGS.section, scope);
  }

  /** Whether the rc options of a document are known; starts reading them when not. */
  isReady(uri: vscode.Uri): boolean {
    return this.rcOptions(uri) !== undefined;
  }

  /** Resolves when the rc options of a document are known (for work outside the editor's events, such as the workspace check). */
  async ready(uri: vscode.Uri): Promise<void> {
    if (this.isReady(uri)) return;
    await new Promise<void>((resolve) => {
      const listener = this.onDidChange(() => {
        if (!this.isReady(uri)) return;
        listener.dispose();
        resolve();
      });
    });
  }

  /** Options for one file: rc file first, workspace settings on top (settings win). */
  optionsFor(uri: vscode.Uri): StarCoachOptions {
    const key = uri.toString();
    const known = this.optionsByDocument.get(key);
    if (known) return known;
    const rc = this.rcOptions(uri);
    const scope = `${vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? ''}\u0000${this.folderOf(uri) ?? ''}`;
    const shared = rc === undefined ? undefined : this.optionsByScope.get(scope);
    if (shared) {
      this.optionsByDocument.set(key, shared);
      return shared;
    }
    const { options, problems } = optionsFromSettings(this.settings.coreSnapshot(uri), rc ?? {});
    this.settings.reportCoreProblems(problems);
    // While the rc file is read, the options are worked out again on each call until it is in.
    if (rc !== undefined) {
      this.optionsByDocument.set(key, options);
      this.optionsByScope.set(scope, options);
    }
    return options;
  }

  // Untitled documents have no folder to look in.
  private folderOf(uri: vscode.Uri): string | undefined {
    if (uri.scheme === 'untitled') return undefined;
    return workspaceFiles.parent(uri.toString());
  }

  private rcOptions(uri: vscode.Uri): StarCoachOptions | undefined {
    const folder = this.folderOf(uri);
    if (folder === undefined) return {};
    const known = this.byFolder.get(folder);
    if (known) return known;
    if (known === undefined) {
      this.byFolder.set(folder, null);
      void this.load(folder, this.byFolder);
    }
    return this.previous.get(folder) ?? undefined;
  }

  private async load(folder: string, into: Map<string, StarCoachOptions | null>): Promise<void> {
    let options: StarCoachOptions = {};
    try {
      const path = await this.finder.find(workspaceFiles.resolve(folder, CONFIG_FILE_NAME));
      if (path) {
        const loaded = await loadConfig(path, workspaceFiles);
        options = loaded.options;
        this.watchExtended(loaded.files.slice(1));
      }
    } catch (error) {
      const message = error instanceof ConfigError ? error.message : `${CONFIG_FILE_NAME}: ${(error as Error).message}`;
      this.problems.report([{ key: RC_FILE_GROUP, message }]);
    }
    if (into !== this.byFolder) return;
    into.set(folder, options);
    this.previous.delete(folder);
    this.changed();
  }

  // Files reached through "extends" may sit outside the `**/.starcoachrc.json` pattern.
  private watchExtended(files: readonly string[]): void {
    for (const file of files) {
      if (this.watchedExtended.has(file)) continue;
      this.watchedExtended.add(file);
      const uri = vscode.Uri.parse(file, true);
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), name));
      const changed = (): void => this.rcFileChanged();
      this.extendedWatchers.push(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed));
    }
  }

  dispose(): void {
    for (const disposable of [...this.disposables, ...this.extendedWatchers]) disposable.dispose();
  }
}

/** A markdown document in a scheme STAR Coach analyzes (before settings are looked at). */
export function isAnalyzable(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' && ANALYZED_SCHEMES.includes(document.uri.scheme);
}

function matchesAny(document: vscode.TextDocument, globs: readonly string[]): boolean {
  return globs.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
}

/** Up to this many lines, a view asking after a settings change gets an analysis under the new settings at once. */
const LATEST_REANALYZE_LINES = 3_000;

/** Documents larger than this are not analyzed while typing; drafts are far smaller. */
export const MAX_ANALYZED_LENGTH = 2_000_000;

/** The question bank analyses link answers to, and an event for when it is reloaded. */
export interface QuestionsSource {
  readonly bank: QuestionLookup;
  /** False while the bank is first read; onDidChange fires when it is. */
  readonly isLoaded: boolean;
  readonly onDidChange: vscode.Event<void>;
}

/** One finished analysis of a document version, with what providers need next to it. */
interface Finished {
  version: number;
  generation: number;
  result: AnalyzeResult | undefined;
  /** Line starts of the analyzed text, built when a provider first asks. */
  lines?: LineIndex;
}

/**
 * Analyzes documents and shares the latest finished analysis with diagnostics, code
 * actions, symbols, CodeLens, hover and the status bar. Only the debounced update, the first
 * open and explicit commands analyze (`analyze`); providers read `latest`, which never
 * analyzes a newer version, so typing costs nothing until the pause. Each open document has
 * an incremental analyzer: after an edit only the changed answers are analyzed again.
 */
export class AnalysisService implements vscode.Disposable {
  private readonly cache = new Map<string, Finished>();
  private readonly engines = new Map<string, IncrementalAnalyzer>();
  /** Why the last analysis of a document was stopped, while its previous findings stay. */
  private readonly stopped = new Map<string, string>();
  private readonly background: BackgroundAnalyzer;
  /** Worker threads for closed files (the Story Bank's scan): the open documents' one and, on more cores, one more, started on first use. */
  private pool: AnalysisPool | undefined;
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly options: OptionsProvider,
    private readonly questions: QuestionsSource,
    /** Where a stopped analysis is explained (the STAR Coach output channel). */
    private readonly log: (line: string) => void = () => undefined,
    /** Starts the analysis worker (see worker-port.ts); undefined analyzes in place. */
    private readonly spawn: SpawnWorker | undefined = undefined,
  ) {
    this.background = new BackgroundAnalyzer(spawn);
    this.disposables.push(
      options.onDidChange(() => this.generation++),
      questions.onDidChange(() => this.generation++),
      vscode.workspace.onDidCloseTextDocument((document) => {
        const key = document.uri.toString();
        this.cache.delete(key);
        this.engines.delete(key);
        this.stopped.delete(key);
        this.background.forget(key);
      }),
    );
  }

  /**
   * Analyzes the current version off the main thread (the debounced update and the first
   * open), within a time budget. Past it the run is stopped, the previous analysis stays
   * and `tooComplex` says why. Where there is no worker (the browser build for now), it
   * analyzes in place.
   */
  async analyzeInBackground(document: vscode.TextDocument): Promise<AnalyzeResult | undefined> {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    const version = document.version;
    const generation = this.generation;
    if (cached && cached.version === version && cached.generation === generation) return cached.result;
    const prepared = this.prepare(document);
    if (!prepared) return this.analyze(document);
    const outcome = await this.background.run(key, prepared.text, prepared.options, this.questions.bank);
    // Closed meanwhile: caching its result would hand it to the next document opened at this
    // URI with the same version (a new untitled file reuses `Untitled-1` at version 1).
    if (document.isClosed) return undefined;
    if ('unavailable' in outcome) return this.analyze(document);
    if ('cancelled' in outcome) {
      this.stopped.set(key, outcome.cancelled);
      this.log(`${vscode.workspace.asRelativePath(document.uri)}: too complex to check: ${outcome.cancelled}. The findings shown are from before.`);
      return this.cache.get(key)?.result;
    }
    this.stopped.delete(key);
    // A newer analysis may have finished first; an older one never replaces it.
    const latest = this.cache.get(key);
    if (!latest || latest.version <= version) this.cache.set(key, { version, generation, result: outcome.result });
    return outcome.result;
  }

  /** Why the last analysis of this document was stopped, or undefined when it finished. */
  tooComplex(document: vscode.TextDocument): string | undefined {
    return this.stopped.get(document.uri.toString());
  }

  /** The text and options of a document STAR Coach analyzes now, or undefined (not a candidate, not ready, too large). */
  private prepare(document: vscode.TextDocument): { text: string; options: AnalyzeOptions } | undefined {
    if (!this.isCandidate(document) || !this.options.isReady(document.uri) || !this.questions.isLoaded) return undefined;
    const text = document.getText();
    if (text.length > MAX_ANALYZED_LENGTH) return undefined;
    return { text, options: this.optionsOf(document) };
  }

  /** The analysis options of a document, open or closed, from its own settings and rc file. */
  private optionsOf(document: vscode.TextDocument): AnalyzeOptions {
    const settings = this.options.settings.get(document.uri);
    const forceDraft = matchesAny(document, settings.include) ? true : undefined;
    return { ...this.options.optionsFor(document.uri), fileName: document.uri.path, forceDraft, questions: this.questions.bank, wordsPerMinute: settings.wordsPerMinute };
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
   * look at it. Analyzes when this version has not been (for the debounced update, the
   * first open and commands); providers call `latest` instead.
   */
  analyze(document: vscode.TextDocument): AnalyzeResult | undefined {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version && cached.generation === this.generation) return cached.result;
    let result: AnalyzeResult | undefined;
    // Not cached: the rc options or the bank are being read, and their onDidChange asks for this analysis again.
    if (this.isCandidate(document) && (!this.options.isReady(document.uri) || !this.questions.isLoaded)) return undefined;
    const prepared = this.prepare(document);
    // A provider's request can arrive after its document closed: its result is kept nowhere, or
    // it would be handed to the next document opened at this address with the same version.
    if (document.isClosed) return prepared ? analyze(prepared.text, prepared.options) : undefined;
    if (prepared) result = this.engineOf(key).analyze(prepared.text, prepared.options);
    this.cache.set(key, { version: document.version, generation: this.generation, result });
    return result;
  }

  /**
   * Reads other texts for this document (a fix applied to it), with the document's settings,
   * to check the fix before it is made. It goes through the document's own engine,
   * which then re-reads only the blocks the fix touched, here and at the next analysis. Where
   * STAR Coach does not read the document it reads as no draft, so no fix holds.
   */
  reanalyzer(document: vscode.TextDocument): Reanalyze {
    return (text) => {
      const prepared = this.prepare(document);
      if (!prepared || document.isClosed) return { isDraft: false, answers: [], diagnostics: [] };
      return this.engineOf(document.uri.toString()).analyze(text, prepared.options);
    };
  }

  /** A document's incremental engine, made on first use. */
  private engineOf(key: string): IncrementalAnalyzer {
    let engine = this.engines.get(key);
    if (!engine) this.engines.set(key, (engine = new IncrementalAnalyzer()));
    return engine;
  }

  /**
   * The latest finished analysis of a document, of whatever version; analyzes only when there
   * is none yet (a provider asked before the first open was analyzed). For the status bar,
   * CodeLens, Outline and hover: they refresh when the next analysis is published.
   */
  latest(document: vscode.TextDocument): AnalyzeResult | undefined {
    const cached = this.cache.get(document.uri.toString());
    // While typing a newer version waits for the pause. After a settings or bank change (rare,
    // and what the writer just asked for) the same version is analyzed again now, so no view
    // shows findings under the old settings.
    if (cached && (cached.generation === this.generation || cached.version !== document.version)) return cached.result;
    // A long document keeps its findings until the worker's analysis under the new settings is in.
    if (cached && document.lineCount > LATEST_REANALYZE_LINES) return cached.result;
    return this.analyze(document);
  }

  /** Whether the latest analysis is of an older version: typed since, and the next one comes after the pause. */
  isBehind(document: vscode.TextDocument): boolean {
    const cached = this.cache.get(document.uri.toString());
    return cached !== undefined && cached.version !== document.version;
  }

  /**
   * The latest analysis when it is of the document's current version, with a line index of
   * that text built once per version; undefined when the document changed since (code
   * actions then offer nothing until the next analysis is published).
   */
  current(document: vscode.TextDocument): { result: AnalyzeResult; lines: LineIndex } | undefined {
    const cached = this.cache.get(document.uri.toString()) ?? (this.analyze(document), this.cache.get(document.uri.toString()));
    if (!cached?.result || cached.version !== document.version) return undefined;
    cached.lines ??= new LineIndex(document.getText());
    return { result: cached.result, lines: cached.lines };
  }

  /**
   * Analyzes a file that is not open in an editor (the workspace check, the Story Bank's
   * scan) with that file's settings, in a worker thread of the scan pool, so a scan of many
   * files holds up neither the main thread nor the open documents' analyses. Undefined where
   * STAR Coach is turned off or the file is excluded. Where there are no worker threads it
   * analyzes in place; a file past the time budget is logged and left out. `stories`: the
   * worker also finds the answers' likely questions (the Story Bank's scan; see AnalysisPool).
   */
  async analyzeTextInBackground(uri: vscode.Uri, text: string, stories = false): Promise<AnalyzeResult | undefined> {
    const options = this.closedFileOptions(uri);
    if (!options) return undefined;
    // The open documents' worker is one of the pool's: it runs already, compiled and warm.
    this.pool ??= new AnalysisPool(this.spawn, undefined, this.background);
    const outcome = await this.pool.run(text, options, this.questions.bank, stories);
    if ('result' in outcome) return outcome.result;
    if ('unavailable' in outcome) return analyze(text, options);
    this.log(`${vscode.workspace.asRelativePath(uri)}: too complex to check: ${outcome.cancelled}. It is left unchecked.`);
    return undefined;
  }

  /** A closed file's options, from that file's settings: undefined where STAR Coach is turned off or the file is excluded. */
  private closedFileOptions(uri: vscode.Uri): AnalyzeOptions | undefined {
    // Glob settings are matched the way open documents are matched (languages.match reads only
    // the URI and the language of what it is given).
    const closed = { uri, languageId: 'markdown' } as vscode.TextDocument;
    return this.isCandidate(closed) ? this.optionsOf(closed) : undefined;
  }

  dispose(): void {
    this.background.dispose();
    this.pool?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
