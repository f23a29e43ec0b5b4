import * as vscode from 'vscode';
import { AnalysisService, OptionsProvider } from './analysis';
import { registerBankCommands } from './bank-commands';
import { QuestionBankService } from './bank-service';
import { QuestionBankView } from './bank-view';
import { StarCodeActionProvider } from './code-actions';
import { registerCommands } from './commands';
import { ConfigDiagnostics } from './config-diagnostics';
import { MARKDOWN_SELECTOR } from './constants';
import { DiagnosticsController } from './diagnostics';
import { ConfigurationProblems, Settings } from './settings';
import { QuestionHoverProvider } from './hover';
import { PracticePanel } from './practice-panel';
import { ReportPanel } from './report-panel';
import { registerStoryBankCommands } from './story-bank-commands';
import { StoryBankService } from './story-bank-service';
import { StoryBankView } from './story-bank-view';
import { bundledWorker } from './worker-port';
import { registerSymbolProvider, StarCodeLensProvider, StarStatusBar, type StatusBarState } from './structure-views';

/** What activation returns (`extensions.getExtension(id).exports`): read-only state a test cannot see on screen. */
export interface StarCoachApi {
  /** What the status bar item shows now. */
  readonly statusBar: StatusBarState;
}

/**
 * Activates STAR Coach. Start-up only wires providers and listeners; documents are
 * analyzed when they are opened or changed, never in bulk here.
 */
export function activate(context: vscode.ExtensionContext): StarCoachApi {
  const output = vscode.window.createOutputChannel('STAR Coach');
  const problems = new ConfigurationProblems(output);
  const settings = new Settings(problems);
  const options = new OptionsProvider(settings, problems);
  const bank = new QuestionBankService(output);
  const worker = bundledWorker({
    nodePath: vscode.Uri.joinPath(context.extensionUri, 'dist', 'analysis-worker.js').fsPath,
    webUrl: vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'analysis-worker.js').toString(true),
  });
  const analysis = new AnalysisService(options, bank, (line) => output.appendLine(line), worker);
  const diagnostics = new DiagnosticsController(analysis);
  const bankView = new QuestionBankView(bank);
  const codeLenses = new StarCodeLensProvider(analysis, diagnostics);
  const statusBar = new StarStatusBar(analysis, diagnostics);
  // The story bank scans the workspace only when its view, report or practice is first used.
  const storyBank = new StoryBankService(analysis, bank, diagnostics);
  const storyBankView = new StoryBankView(storyBank);
  const reportPanel = new ReportPanel(context.extensionUri, storyBank);
  const practicePanel = new PracticePanel(context.extensionUri, storyBank);

  context.subscriptions.push(
    output,
    settings,
    options,
    bank,
    analysis,
    diagnostics,
    codeLenses,
    statusBar,
    bankView,
    storyBank,
    storyBankView,
    reportPanel,
    practicePanel,
    new ConfigDiagnostics(),
    // Coverage findings depend on the bank, so a reloaded bank rechecks open drafts.
    bank.onDidChange(() => diagnostics.refreshAll()),
    vscode.languages.registerCodeActionsProvider(MARKDOWN_SELECTOR, new StarCodeActionProvider(analysis), StarCodeActionProvider.metadata),
    registerSymbolProvider(analysis, diagnostics),
    vscode.languages.registerCodeLensProvider(MARKDOWN_SELECTOR, codeLenses),
    vscode.languages.registerHoverProvider(MARKDOWN_SELECTOR, new QuestionHoverProvider(analysis, bank)),
  );
  registerCommands(context, analysis, diagnostics);
  registerBankCommands(context, bank, bankView);
  registerStoryBankCommands(context, { service: storyBank, report: reportPanel, practice: practicePanel, bank });

  // Documents already open when the extension starts (e.g. the one that activated it).
  for (const document of vscode.workspace.textDocuments) void diagnostics.update(document);
  return {
    get statusBar() {
      return statusBar.state;
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
