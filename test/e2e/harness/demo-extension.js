// Throwaway extension used only by selftest.e2e.test.ts to prove the e2e harness works, whatever
// state STAR Coach itself is in: a diagnostic on markdown files without "## Result", a quick fix
// "Insert Result section", document symbols, a CodeLens, a status bar item and a command.
const vscode = require('vscode');

function check(doc, diagnostics) {
  if (doc.languageId !== 'markdown') return;
  const text = doc.getText();
  const out = [];
  if (!/^## Result/m.test(text)) {
    const d = new vscode.Diagnostic(doc.lineAt(0).range, 'Missing Result section', vscode.DiagnosticSeverity.Warning);
    d.source = 'e2e-demo';
    d.code = 'missing-result';
    out.push(d);
  }
  diagnostics.set(doc.uri, out);
}

function activate(context) {
  const diagnostics = vscode.languages.createDiagnosticCollection('e2e-demo');
  context.subscriptions.push(diagnostics);
  for (const doc of vscode.workspace.textDocuments) check(doc, diagnostics);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((d) => check(d, diagnostics)),
    vscode.workspace.onDidChangeTextDocument((e) => check(e.document, diagnostics)),
    vscode.workspace.onDidCloseTextDocument((d) => diagnostics.delete(d.uri)),
  );

  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, {
      provideCodeActions(doc, range, ctx) {
        return ctx.diagnostics
          .filter((d) => d.code === 'missing-result')
          .map((d) => {
            const a = new vscode.CodeAction('Insert Result section', vscode.CodeActionKind.QuickFix);
            a.diagnostics = [d];
            a.isPreferred = true;
            a.edit = new vscode.WorkspaceEdit();
            const end = doc.lineAt(doc.lineCount - 1).range.end;
            a.edit.insert(doc.uri, end, '\n\n## Result\n\nTODO: measurable result\n');
            return a;
          });
      },
    }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );

  context.subscriptions.push(
    vscode.languages.registerDocumentSymbolProvider({ language: 'markdown' }, {
      provideDocumentSymbols(doc) {
        const syms = [];
        for (let i = 0; i < doc.lineCount; i++) {
          const m = /^##\s+(.*)$/.exec(doc.lineAt(i).text);
          if (m) {
            const r = doc.lineAt(i).range;
            syms.push(new vscode.DocumentSymbol(`STAR: ${m[1]}`, 'section', vscode.SymbolKind.Module, r, r));
          }
        }
        return syms;
      },
    }, { label: 'E2E Demo' }),
  );

  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, {
      provideCodeLenses(doc) {
        const count = doc.getText().split(/\s+/).filter(Boolean).length;
        return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: `Demo lens: ${count} words`, command: 'e2eDemo.hello' })];
      },
    }),
  );

  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, {
      provideCompletionItems() {
        const c = new vscode.CompletionItem('star-result', vscode.CompletionItemKind.Snippet);
        c.insertText = '## Result\n\n';
        c.detail = 'E2E Demo: Result heading';
        return [c];
      },
    }),
  );

  const item = vscode.window.createStatusBarItem('e2eDemo.status', vscode.StatusBarAlignment.Left, 100);
  item.name = 'E2E Demo';
  item.text = '$(check) E2E Demo ready';
  item.tooltip = 'E2E demo status';
  item.show();
  context.subscriptions.push(item);

  context.subscriptions.push(
    vscode.commands.registerCommand('e2eDemo.hello', () => {
      item.text = '$(check) E2E Demo said hello';
      vscode.window.showInformationMessage('Hello from E2E Demo');
    }),
  );
}

module.exports = { activate, deactivate() {} };
