import { strict as assert } from 'node:assert';
import type { Profiler } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';

export { startProfiler } from '../../scripts/profile';

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

/** How many code actions `vscode.executeCodeActionProvider` resolves: all that a menu shows. */
const RESOLVE_ALL = 100;

/**
 * The code actions VS Code offers for a diagnostic, as a person would see them with Ctrl+.
 * Diagnostics reach the editor side a moment after the extension host publishes them, so
 * this asks again (bounded) until an action for `title` is offered.
 */
export async function codeActionsAt(uri: vscode.Uri, diagnostic: vscode.Diagnostic, kind?: string, title?: string, timeoutMs = 10_000): Promise<vscode.CodeAction[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Resolved as a person's choice resolves them: a quick fix gets its edit once its text is checked.
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, kind, RESOLVE_ALL)) ?? [];
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

/** Writes a profile where it outlives the run; returns its path. */
export function keepProfile(profile: Profiler.Profile): string {
  const path = join(tmpdir(), `star-coach-typing-${Date.now()}.cpuprofile`);
  writeFileSync(path, JSON.stringify(profile));
  return path;
}

/** Whether a profile frame's script is the extension's own bundle (its tests excluded). */
export function ownFrame(): (url: string) => boolean {
  const extension = vscode.extensions.all.find((e) => e.packageJSON.name === 'star-coach' && e.packageJSON.publisher === 'star-coach');
  assert.ok(extension, 'the STAR Coach extension is installed');
  const bundle = `${extension.extensionUri.toString()}/dist/`;
  return (url) => url.startsWith(bundle) && !url.startsWith(`${bundle}integration/`);
}

/**
 * The longest stretch of consecutive samples with the extension's code on the stack, in ms:
 * how long it held the thread at a time. Another extension's work, VS Code's own or an idle
 * loop ends a stretch (anything waiting would have gone there). Garbage collection inside a
 * stretch neither ends it nor counts: it collects the whole host's heap, whoever allocated.
 */
export function longestRun(profile: Profiler.Profile, own: (url: string) => boolean): number {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const kind = new Map<number, 'own' | 'gc' | 'other'>();
  const kindOf = (id: number): 'own' | 'gc' | 'other' => {
    let known = kind.get(id);
    if (known) return known;
    known = byId.get(id)!.callFrame.functionName === '(garbage collector)' ? 'gc' : 'other';
    for (let at: number | undefined = id; at !== undefined && known === 'other'; at = parent.get(at)) if (own(byId.get(at)!.callFrame.url)) known = 'own';
    kind.set(id, known);
    return known;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let longest = 0;
  let run = 0;
  for (let i = 0; i + 1 < samples.length; i++) {
    const what = kindOf(samples[i]);
    // A sample lasts until the next one is taken.
    if (what === 'own') run += deltas[i + 1] / 1000;
    else if (what === 'other') run = 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * How long STAR Coach may hold the extension host's main thread at a time: 50 ms (the
 * issues' target). A profile counts wall time, and on a machine with more runnable threads
 * than cores this thread gets about cores/load of one, so the bound grows with the load
 * average past the core count.
 */
export function ownRunBound(): { bound: number; load: number } {
  const [load] = loadavg();
  return { bound: 50 * Math.max(1, load / availableParallelism()), load };
}
