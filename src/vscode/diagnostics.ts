import * as vscode from 'vscode';
import type { AnalyzeResult, Diagnostic as CoreDiagnostic, Range as CoreRange } from '../core/types';
import { isAnalyzable, type AnalysisService } from './analysis';
import { COMMANDS, DIAGNOSTIC_SOURCE } from './constants';
import { DiagnosticShards, type ShownFinding } from './diagnostic-shards';
import { afterPendingMessages } from './turns';

const SEVERITY: Record<CoreDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  // Faint dots under the text, and not listed in the Problems view: coaching that would crowd a draft.
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toVscodeRange(range: CoreRange): vscode.Range {
  return new vscode.Range(range.start.line - 1, range.start.column - 1, range.end.line - 1, range.end.column - 1);
}

/** The bundled docs page of a rule; works offline and sends nothing anywhere. */
export function docsUri(extensionUri: vscode.Uri, alias: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${alias}.md`);
}

/** How long after the last keystroke held-back findings stay hidden (hideWhileTyping). */
export function typingPauseMs(debounceMs: number): number {
  return Math.max(1000, debounceMs * 4);
}

/**
 * The rule code's link in Problems and hovers: runs Show Rule Documentation, which opens the
 * rendered, read-only page, as "More information" does (a file link would open the raw page for editing).
 */
export function ruleDocsLink(alias: string): vscode.Uri {
  let link = docsLinks.get(alias);
  if (!link) docsLinks.set(alias, (link = vscode.Uri.from({ scheme: 'command', path: COMMANDS.showRuleDocs, query: JSON.stringify([alias]) })));
  return link;
}
/** One link per rule, shared by its findings (a URI is immutable): a large draft has thousands of findings. */
const docsLinks = new Map<string, vscode.Uri>();


/**
 * Editor diagnostics made for core findings, with the range each was made at. The incremental
 * engine keeps the findings of unchanged blocks as the same objects (moved in place below an
 * edit), so after an edit only the changed blocks' findings, and those whose line moved, are
 * converted again; a 200k-word bank has about 3,900 of them.
 */
const converted = new WeakMap<CoreDiagnostic, { line: number; column: number; endLine: number; endColumn: number; message: string; severity: string; diagnostic: vscode.Diagnostic }>();

/** `toVscodeDiagnostic`, reusing the editor diagnostic made last time for the same finding at the same place. */
export function toVscodeDiagnosticCached(diagnostic: CoreDiagnostic): vscode.Diagnostic {
  const { start, end } = diagnostic.range;
  const known = converted.get(diagnostic);
  if (known && known.line === start.line && known.column === start.column && known.endLine === end.line && known.endColumn === end.column && known.message === diagnostic.message && known.severity === diagnostic.severity) return known.diagnostic;
  const made = toVscodeDiagnostic(diagnostic);
  converted.set(diagnostic, { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, message: diagnostic.message, severity: diagnostic.severity, diagnostic: made });
  return made;
}

/** Converts a core finding into an editor diagnostic with source, code and docs link. */
export function toVscodeDiagnostic(diagnostic: CoreDiagnostic): vscode.Diagnostic {
  const result = new vscode.Diagnostic(toVscodeRange(diagnostic.range), diagnostic.message, SEVERITY[diagnostic.severity]);
  result.source = DIAGNOSTIC_SOURCE;
  result.code = { value: diagnostic.ruleId, target: ruleDocsLink(diagnostic.alias) };
  return result;
}

/** The rule code of a diagnostic (`STAR004`), whichever form its `code` takes. */
function codeValue(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

/** True when two lists would show the same findings (what, where, how severe, which docs page). */
function sameDiagnostics(a: readonly vscode.Diagnostic[], b: readonly vscode.Diagnostic[]): boolean {
  return a.length === b.length && a.every((x, i) => sameDiagnostic(x, b[i]!));
}

function sameDiagnostic(a: vscode.Diagnostic, b: vscode.Diagnostic): boolean {
  if (a === b) return true;
  const target = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? d.code.target.toString() : '');
  return (
    a.range.isEqual(b.range) &&
    a.message === b.message &&
    a.severity === b.severity &&
    a.source === b.source &&
    codeValue(a) === codeValue(b) &&
    target(a) === target(b)
  );
}

/** Each core finding with its editor diagnostic, made by `convert`. */
function shown(findings: readonly CoreDiagnostic[], convert: (finding: CoreDiagnostic) => vscode.Diagnostic): ShownFinding[] {
  return findings.map((finding) => ({ finding, diagnostic: convert(finding) }));
}

/** Finds the core finding behind an editor diagnostic, by rule and position. */
export function coreDiagnosticFor(result: AnalyzeResult, diagnostic: vscode.Diagnostic): CoreDiagnostic | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = codeValue(diagnostic);
  return result.diagnostics.find(
    (d) => d.ruleId === code && d.range.start.line - 1 === diagnostic.range.start.line && d.range.start.column - 1 === diagnostic.range.start.character,
  );
}

/**
 * Publishes diagnostics for open markdown documents: on open, after a debounced pause
 * on change, and cleared on close. Optionally holds back new findings on the line
 * being typed until the writer pauses.
 */
export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = new DiagnosticShards('star-coach');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastEdit = new Map<string, { line: number; at: number }>();
  /** The analysis each document's latest update received, so an older update that yielded since stands down. */
  private readonly arrived = new Map<string, AnalyzeResult | undefined>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires after a document's analysis is published (CodeLens and status bar listen). */
  readonly onDidUpdate = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.collection, this.changeEmitter];

  constructor(private readonly analysis: AnalysisService) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => void this.update(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)),
      analysis.options.onDidChange(() => this.refreshAll()),
    );
  }

  /** Analyzes every open document again, off the main thread. */
  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) void this.update(document);
  }

  /**
   * Analyzes a document off the main thread (the first open, the pause after typing, a
   * settings change) and publishes its findings, unless a newer version is on its way.
   */
  async update(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const version = document.version;
    const result = await this.analysis.analyzeInBackground(document);
    // The worker's reply was merged in this turn; converting and publishing its findings, then
    // the views that follow them (status bar, CodeLens), each get a turn of their own.
    this.arrived.set(key, result);
    await afterPendingMessages();
    if (document.isClosed) return;
    // A newer analysis came in meanwhile (merging it may have moved this one's findings): its own update publishes.
    if (this.arrived.get(key) !== result) return;
    // Typed on meanwhile: that version's own update publishes (its timer is set).
    if (document.version !== version && this.timers.has(key)) return;
    if (!this.analysis.tooComplex(document)) {
      const findings = result ? this.holdBackWhileTyping(document, shown(result.diagnostics, toVscodeDiagnosticCached)) : [];
      // A large list goes out in shares, a turn each; a newer analysis or a close stops the rest.
      await this.publishIfChanged(document.uri, findings, () => !document.isClosed && this.arrived.get(key) === result);
      await afterPendingMessages();
      if (document.isClosed) return;
    }
    this.changeEmitter.fire(document);
  }

  /**
   * Resolves after this document's next publish, or when `token` is cancelled, or after
   * `timeoutMs` (an analysis stopped as too complex publishes nothing new).
   */
  nextUpdate(document: vscode.TextDocument, token: vscode.CancellationToken, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        published.dispose();
        cancelled.dispose();
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      const published = this.onDidUpdate((updated) => updated.uri.toString() === document.uri.toString() && done());
      const cancelled = token.onCancellationRequested(done);
    });
  }

  /** Publishes findings for a file that is not open (workspace check); none for undefined (not checked). */
  publish(uri: vscode.Uri, result: AnalyzeResult | undefined): void {
    void this.publishIfChanged(uri, shown(result?.diagnostics ?? [], toVscodeDiagnostic));
  }

  // Every publish makes VS Code ask all code-action providers again for that file, which drops
  // a Quick Fix menu the writer has just asked for. Settings, rc-file and bank reloads re-analyze
  // every open file, so findings that did not change are not sent again (per share, for a
  // large file: see DiagnosticShards).
  private publishIfChanged(uri: vscode.Uri, findings: readonly ShownFinding[], stillWanted?: () => boolean): Promise<void> {
    return this.collection.set(uri, findings, sameDiagnostics, afterPendingMessages, stillWanted);
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    if (!isAnalyzable(document) || event.contentChanges.length === 0) return;
    const key = document.uri.toString();
    this.lastEdit.set(key, { line: event.contentChanges[0].range.start.line, at: Date.now() });
    clearTimeout(this.timers.get(key));
    const delay = this.analysis.options.settings.get(document.uri).debounceMs;
    this.timers.set(key, setTimeout(() => void this.update(document), delay));
  }

  // With hideWhileTyping, a finding that is new on the line being edited waits for a pause.
  private holdBackWhileTyping(document: vscode.TextDocument, findings: ShownFinding[]): ShownFinding[] {
    const settings = this.analysis.options.settings.get(document.uri);
    if (!settings.hideWhileTyping) return findings;
    const edit = this.lastEdit.get(document.uri.toString());
    const pause = typingPauseMs(settings.debounceMs);
    if (!edit || Date.now() - edit.at >= pause) return findings;
    const onScreen = this.collection.get(document.uri);
    const wasShown = (d: vscode.Diagnostic): boolean => onScreen.some((s) => codeValue(s) === codeValue(d) && s.range.start.line === d.range.start.line);
    const kept = findings.filter(({ diagnostic: d }) => d.range.start.line !== edit.line || wasShown(d));
    if (kept.length !== findings.length) {
      const key = document.uri.toString();
      this.timers.set(key, setTimeout(() => void this.update(document), pause - (Date.now() - edit.at)));
    }
    return kept;
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.lastEdit.delete(key);
    this.arrived.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
