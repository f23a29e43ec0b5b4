import * as vscode from 'vscode';
import { AnalysisService, OptionsProvider } from './analysis';
import { StarCodeActionProvider } from './code-actions';
import { registerCommands } from './commands';
import { MARKDOWN_SELECTOR } from './constants';
import { DiagnosticsController } from './diagnostics';
import { StarCodeLensProvider, StarStatusBar, StarSymbolProvider } from './structure-views';

/**
 * Activates STAR Coach. Start-up only wires providers and listeners; documents are
 * analyzed when they are opened or changed, never in bulk here.
 */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('STAR Coach');
  const options = new OptionsProvider(output);
  const analysis = new AnalysisService(options);
  const diagnostics = new DiagnosticsController(analysis, context.extensionUri);
  const codeLenses = new StarCodeLensProvider(analysis, diagnostics);
  const statusBar = new StarStatusBar(analysis, diagnostics);

  context.subscriptions.push(
    output,
    options,
    analysis,
    diagnostics,
    codeLenses,
    statusBar,
    vscode.languages.registerCodeActionsProvider(MARKDOWN_SELECTOR, new StarCodeActionProvider(analysis), StarCodeActionProvider.metadata),
    vscode.languages.registerDocumentSymbolProvider(MARKDOWN_SELECTOR, new StarSymbolProvider(analysis), { label: 'STAR Coach' }),
    vscode.languages.registerCodeLensProvider(MARKDOWN_SELECTOR, codeLenses),
  );
  registerCommands(context, analysis, diagnostics);

  // Documents already open when the extension starts (e.g. the one that activated it).
  for (const document of vscode.workspace.textDocuments) diagnostics.refresh(document);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
