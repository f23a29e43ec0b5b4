import * as vscode from 'vscode';

const SOURCE = 'STAR Coach';

/** The workspace folder the suite runs in (a temporary copy of test/integration/workspace). */
export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suite needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** STAR Coach diagnostics of a document. */
export function starDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

/**
 * Resolves once the STAR Coach diagnostics of `uri` satisfy `predicate`, waiting on
 * onDidChangeDiagnostics events rather than sleeping.
 */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = starDiagnostics(uri);
      if (!predicate(diagnostics)) return false;
      subscription.dispose();
      clearTimeout(timer);
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`diagnostics for ${uri.path} never matched; last: ${starDiagnostics(uri).map(codeOf).join(', ')}`));
    }, timeoutMs);
    check();
  });
}

/** Opens a workspace file in an editor. */
export async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document);
}

/**
 * The code actions VS Code offers for a diagnostic, as a person would see them with Ctrl+.
 * Diagnostics reach the editor side a moment after the extension host publishes them, so
 * this asks again (bounded) until an action for `title` is offered.
 */
export async function codeActionsAt(uri: vscode.Uri, diagnostic: vscode.Diagnostic, kind?: string, title?: string, timeoutMs = 10_000): Promise<vscode.CodeAction[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, kind)) ?? [];
    const ready = title ? actions.some((a) => a.title === title) : actions.length > 0;
    if (ready || Date.now() > deadline) return actions;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Applies a code action's edit and command. */
export async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) await vscode.workspace.applyEdit(action.edit);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** The `starCoach` settings section. */
export function starSettings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('starCoach');
}

/** Sets a `starCoach.*` setting in the workspace (undefined removes it), resolving once VS Code reports the change. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  const changed = new Promise<void>((resolve) => {
    const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(`starCoach.${key}`)) return;
      subscription.dispose();
      resolve();
    });
  });
  const before = starSettings().inspect(key)?.workspaceValue;
  await starSettings().update(key, value, vscode.ConfigurationTarget.Workspace);
  // Writing the value it already has changes nothing, so no event comes.
  if (JSON.stringify(before) !== JSON.stringify(value)) await changed;
}

/** An unsaved markdown document with this text, shown in an editor. Each call opens a new one. */
export async function untitledDraft(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  return vscode.window.showTextDocument(document);
}

/** STAR Coach's CodeLenses of a document (its titles carry a word count). */
export async function starLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.filter((lens) => / words? · /.test(lens.command?.title ?? ''));
}

/** STAR Coach's outline symbols of a document (answers, whose detail reads "STAR n/5 …" or similar). */
export async function starSymbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
  return symbols.filter((symbol) => /\bwords?\b/.test(symbol.detail));
}

/** The markdown of every hover VS Code shows at a position, with backslash escapes and &nbsp; undone. */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n---\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, '$1')
    .replace(/&nbsp;/g, ' ');
}

/** Resolves when `event` fires with a value that satisfies `predicate` (or rejects after the timeout). */
export function waitForEvent<T>(event: vscode.Event<T>, predicate: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const subscription = event((value) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}
