import * as vscode from 'vscode';
import { resolveTargets, type TargetSet } from '../bank/targets';
import { prepareStories, StoryIndex, type Story, type StoryBankOptions, type StoryBankReport } from '../engine/report';
import type { AnalyzeResult, Answer } from '../core/types';
import { MAX_ANALYZED_LENGTH, type AnalysisService } from './analysis';
import type { QuestionBankService } from './bank-service';
import type { DiagnosticsController } from './diagnostics';
import { afterPendingMessages } from './turns';
import { draftText } from './workspace-files';

/** Files the scan looks at, as "Check All Answer Drafts" does. */
const DRAFT_GLOB = '**/*.{md,markdown}';
/** Work between two yields to the event loop (a scan's files analyzed in place, a large draft's stories), so typing stays smooth. */
const SLICE_MS = 12;
/** Files read and analyzed at once: enough to keep two worker threads busy while the next files are read. */
const SCAN_CONCURRENCY = 4;
/** Pause after a file changes on disk before it is read again (a save fires several events). */
const WATCH_DELAY_MS = 250;

/**
 * The workspace's story bank: every draft in the workspace analyzed once (the same files and
 * the same analysis as "Check All Answer Drafts"), kept current by a file watcher and by the
 * analyses of open documents. Only changed files are analyzed again (StoryIndex). The scan
 * starts when something first asks for the bank, never at activation.
 */
export class StoryBankService implements vscode.Disposable {
  private readonly index = new StoryIndex();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when the report may have changed. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private scanning: Promise<void> | undefined;
  private started = false;
  /** Settings or the bank changed during a scan: scan again when it ends. */
  private rescan = false;
  private readonly queued = new Set<string>();
  /** The stamp of each closed file being read and analyzed now. */
  private readonly reading = new Map<string, string>();
  /** The stamp of each file whose stories are being prepared now, before it goes into the index. */
  private readonly preparing = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private options: StoryBankOptions | undefined;

  constructor(
    private readonly analysis: AnalysisService,
    private readonly bank: QuestionBankService,
    diagnostics: DiagnosticsController,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(DRAFT_GLOB);
    const changed = (uri: vscode.Uri): void => this.schedule(uri);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(changed),
      watcher.onDidChange(changed),
      watcher.onDidDelete((uri) => {
        if (!this.started) return;
        this.preparing.delete(uri.toString());
        this.index.delete(uri.toString());
        this.changeEmitter.fire();
      }),
      // An open draft's own analysis (after the typing pause) is the freshest there is.
      diagnostics.onDidUpdate((document) => this.takeOpen(document)),
      // Other settings, targets or bank: everything is analyzed again, in the background.
      analysis.options.onDidChange(() => this.invalidate()),
      bank.onDidChange(() => this.invalidate()),
    );
  }

  /** The report over every draft found so far. Starts the first scan when none ran yet. */
  get report(): StoryBankReport {
    if (!this.started) void this.scan();
    return this.index.report(this.reportOptions());
  }

  /** True once the first scan has finished. */
  get ready(): boolean {
    return this.started && this.scanning === undefined;
  }

  /** The analysis and answer behind a story, for practice mode. */
  answerOf(story: Story): Answer | undefined {
    return this.index.result(story.file)?.answers[story.answerIndex];
  }

  /** The target set in force (the first workspace folder's rc file and settings). */
  targets(): TargetSet {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return resolveTargets(folder ? this.analysis.options.optionsFor(folder).targets : undefined);
  }

  private reportOptions(): StoryBankOptions {
    this.options ??= { questions: this.bank.bank, targets: this.targets(), wordsPerMinute: this.analysis.options.settings.get().wordsPerMinute };
    return this.options;
  }

  /**
   * Scans the workspace, with a progress notification: every markdown file that changed since
   * it was last analyzed is analyzed again. Yields to the editor between slices of work.
   */
  scan(): Promise<void> {
    this.started = true;
    this.scanning ??= Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'STAR Coach: reading your story bank', cancellable: true }, (progress, token) => this.scanFiles(progress, token)),
    ).then(
        () => {
          this.scanning = undefined;
          this.changeEmitter.fire();
          if (this.rescan) {
            this.rescan = false;
            void this.scan();
          }
        },
        (error: unknown) => {
          this.scanning = undefined;
          throw error;
        },
      );
    return this.scanning!;
  }

  private async scanFiles(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<void> {
    const { exclude } = this.analysis.options.settings.get();
    const excludeGlob = `{**/node_modules/**,**/.git/**${exclude.map((glob) => `,${glob}`).join('')}}`;
    const files = await vscode.workspace.findFiles(DRAFT_GLOB, excludeGlob, undefined, token);
    const seen = new Set(files.map((uri) => uri.toString()));
    for (const file of this.index.files()) if (!seen.has(file)) this.index.delete(file);
    let sliceStart = Date.now();
    let done = 0;
    // Progress increments add up, so each report adds what was done since the last one.
    let reported = 0;
    const inFlight = new Set<Promise<void>>();
    for (const uri of files) {
      if (token.isCancellationRequested) break;
      const job: Promise<void> = this.analyzeFile(uri).finally(() => {
        inFlight.delete(job);
        done++;
      });
      inFlight.add(job);
      if (inFlight.size >= SCAN_CONCURRENCY) await Promise.race(inFlight);
      if (Date.now() - sliceStart > SLICE_MS) {
        const percent = (100 * done) / files.length;
        progress.report({ message: `${done} of ${files.length} files`, increment: percent - reported });
        reported = percent;
        await afterPendingMessages();
        sliceStart = Date.now();
      }
    }
    await Promise.all(inFlight);
  }

  /** Analyzes one file if it changed: an open document by its version, a closed one by its modification time and size. */
  private async analyzeFile(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
    await this.analysis.options.ready(uri);
    if (open) {
      // In the open documents' worker (the last analysis when it is of this version): analyzed
      // here, the first one would also compile the whole analysis on this thread.
      const version = open.version;
      if (!this.index.isStale(key, `open:${version}`)) return;
      const result = await this.analysis.analyzeInBackground(open);
      // Typed in meanwhile: the analysis of the newer version comes through takeOpen.
      if (open.version === version) await this.record(key, `open:${version}`, result);
      return;
    }
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch {
      this.index.delete(key);
      return;
    }
    const stamp = `disk:${stat.mtime}:${stat.size}`;
    if (!this.index.isStale(key, stamp)) return;
    if (stat.size > MAX_ANALYZED_LENGTH) return void this.index.update(key, stamp, () => undefined);
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      // Deleted (or made unreadable) between the stat and the read: the watcher says so next.
      this.index.delete(key);
      return;
    }
    const text = draftText(bytes);
    this.reading.set(key, stamp);
    const result = text === undefined ? undefined : await this.analysis.analyzeTextInBackground(uri, text, true);
    // While it was analyzed the file may have been read again (a newer stamp) or opened (its
    // editor's analysis is fresher): then this result is dropped.
    if (this.reading.get(key) !== stamp) return;
    this.reading.delete(key);
    if (vscode.workspace.textDocuments.some((document) => document.uri.toString() === key)) return;
    await this.record(key, stamp, result);
  }

  /**
   * Puts a file's analysis into the index once its stories are prepared, a slice at a time:
   * the first preparation of a large open draft (1,551 answers in the 200k-word bench bank)
   * took 150-370 ms in one go on this thread. A scan's worker has prepared its files already,
   * so for them this finds everything done. True when the index changed; a newer stamp for the
   * same file, recorded meanwhile, wins.
   */
  private async record(key: string, stamp: string, result: AnalyzeResult | undefined): Promise<boolean> {
    if (!this.index.isStale(key, stamp)) return false;
    if (result) {
      this.preparing.set(key, stamp);
      const options = this.reportOptions();
      let next = prepareStories(result, options, 0, Date.now() + SLICE_MS);
      while (next < result.answers.length) {
        await afterPendingMessages();
        if (this.preparing.get(key) !== stamp) return false;
        next = prepareStories(result, options, next, Date.now() + SLICE_MS);
      }
      if (this.preparing.get(key) !== stamp) return false;
      this.preparing.delete(key);
    }
    return this.index.update(key, stamp, () => result);
  }

  /** Takes an open document's latest analysis, so the view follows typing without reading the disk. */
  private takeOpen(document: vscode.TextDocument): void {
    if (!this.started || document.uri.scheme !== 'file') return;
    const result = this.analysis.latest(document);
    void this.record(document.uri.toString(), `open:${document.version}`, result).then((changed) => changed && this.changeEmitter.fire());
  }

  private schedule(uri: vscode.Uri): void {
    if (!this.started) return;
    this.queued.add(uri.toString());
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), WATCH_DELAY_MS);
  }

  // Re-reads the files the watcher reported, after the scan in progress (if any).
  private async flush(): Promise<void> {
    this.timer = undefined;
    await this.scanning;
    const uris = [...this.queued].map((key) => vscode.Uri.parse(key, true));
    this.queued.clear();
    for (const uri of uris) await this.analyzeFile(uri);
    if (uris.length > 0) this.changeEmitter.fire();
  }

  private invalidate(): void {
    this.options = undefined;
    if (!this.started) return;
    this.index.invalidate();
    if (this.scanning) this.rescan = true;
    else void this.scan();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
