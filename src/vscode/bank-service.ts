import * as vscode from 'vscode';
import { customBankFiles, type BankFileRef, type QuestionBank } from '../bank/bank';
import { bundledBank, loadQuestionBank, type LoadedBank } from '../bank/bundled';
import type { QuestionsSource } from './analysis';
import { SETTINGS } from './constants';
import { workspaceFiles } from './workspace-files';

/** Custom bank files change in bursts (save = change + change); one reload per burst is enough. */
const RELOAD_DELAY_MS = 150;

/**
 * The question bank the extension uses: the bundled bank merged with the files in
 * `starCoach.questionBanks` and each folder's `.star-coach/questions.json`. Reloads when
 * those files, the setting or the workspace folders change, and reports each new problem
 * once (a warning and the output channel). Files are read through `vscode.workspace.fs`
 * (asynchronously): until the first read is done the bundled bank is used, and on a
 * reload the previous bank stays until the new one is ready.
 */
export class QuestionBankService implements QuestionsSource, vscode.Disposable {
  private loaded: LoadedBank = { bank: bundledBank(), problems: [], notes: [] };
  private loads = 0;
  private firstLoad: Promise<void>;
  private reported = new Set<string>();
  private watchers: vscode.Disposable[] = [];
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires after the bank was reloaded. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  constructor(private readonly output: vscode.OutputChannel) {
    this.firstLoad = this.reload();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.questionBanks}`)) this.reload();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reload()),
    );
  }

  /** The merged bank as last loaded. */
  get bank(): QuestionBank {
    return this.loaded.bank;
  }

  /** False until the custom banks have been read once; analyses wait for it, so no finding rests on the bundled bank alone. */
  isLoaded = false;

  /** Resolves when the custom banks have been read once. */
  get ready(): Promise<void> {
    return this.firstLoad;
  }

  /** Reads every bank file again now, reports new problems and tells listeners; resolves when done. */
  async reload(): Promise<void> {
    clearTimeout(this.reloadTimer);
    const load = ++this.loads;
    const files = this.bankFiles();
    this.watch(files.files);
    // An unexpected failure must not leave analyses waiting for a bank forever.
    const loaded = await loadQuestionBank(files.files, workspaceFiles, files.problems).catch((error: unknown): LoadedBank => ({
      bank: bundledBank(),
      problems: [...files.problems, `custom question banks could not be read: ${(error as Error).message}`],
      notes: [],
    }));
    // A later reload started while this one read its files: that one's result counts.
    if (load !== this.loads) return;
    this.loaded = loaded;
    this.isLoaded = true;
    this.report();
    this.changeEmitter.fire();
  }

  /** The custom bank files of every workspace folder (or the user setting with no folder open), each once. */
  private bankFiles(): { files: BankFileRef[]; problems: string[] } {
    const folders = [...(vscode.workspace.workspaceFolders ?? [])];
    const scopes: Array<vscode.WorkspaceFolder | undefined> = folders.length > 0 ? folders : [undefined];
    const files = new Map<string, BankFileRef>();
    const problems: string[] = [];
    for (const folder of scopes) {
      const setting = vscode.workspace.getConfiguration(SETTINGS.section, folder?.uri).get<unknown>(SETTINGS.questionBanks, []);
      const entries = Array.isArray(setting) ? setting : [setting];
      const found = customBankFiles(entries, folder?.uri.toString(), workspaceFiles, `${SETTINGS.section}.${SETTINGS.questionBanks}`);
      problems.push(...found.problems.filter((problem) => !problems.includes(problem)));
      for (const file of found.files) {
        const known = files.get(file.path);
        files.set(file.path, { path: file.path, optional: file.optional && (known?.optional ?? true) });
      }
    }
    return { files: [...files.values()], problems };
  }

  // Watches each bank file, also ones that do not exist yet, so creating one loads it.
  private watch(files: readonly BankFileRef[]): void {
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = [];
    const scheduleReload = (): void => {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => void this.reload(), RELOAD_DELAY_MS);
    };
    for (const file of files) {
      const uri = vscode.Uri.parse(file.path, true);
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), name));
      this.watchers.push(watcher, watcher.onDidCreate(scheduleReload), watcher.onDidChange(scheduleReload), watcher.onDidDelete(scheduleReload));
    }
  }

  // A problem or note is reported when it appears, not again on every reload while it stays.
  private report(): void {
    const { bank, problems, notes } = this.loaded;
    const freshProblems = problems.filter((problem) => !this.reported.has(problem));
    const freshNotes = notes.filter((note) => !this.reported.has(note));
    this.reported = new Set([...problems, ...notes]);
    if (freshProblems.length === 0 && freshNotes.length === 0) return;
    const custom = bank.questions.filter((question) => bank.customSource(question.id) !== undefined).length;
    this.output.appendLine(`[question bank] ${bank.questions.length} questions loaded, ${custom} of them from custom banks`);
    for (const line of [...freshNotes, ...freshProblems]) this.output.appendLine(`[question bank] ${line}`);
    if (freshProblems.length === 0) return;
    const more = freshProblems.length > 1 ? ` (and ${freshProblems.length - 1} more; see Output › STAR Coach)` : '';
    void vscode.window.showWarningMessage(`STAR Coach: ${freshProblems[0]}${more}`, 'Show Output').then((choice) => {
      if (choice) this.output.show(true);
    });
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    for (const watcher of this.watchers) watcher.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
