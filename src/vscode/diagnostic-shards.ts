import * as vscode from 'vscode';

/**
 * Findings per diagnostic collection. On every `set()` VS Code converts and sends a file's
 * whole list in that call, on the extension host's main thread: about 7 µs a finding, so the
 * 3,900 findings of a 200k-word bank held the thread for 20-40 ms in one piece. Shares of
 * 500 keep each send to a few milliseconds; a file with fewer findings uses one collection,
 * as before.
 */
export const FINDINGS_PER_COLLECTION = 500;

/** One finding to show: the editor's diagnostic, and the core finding it stands for. */
export interface ShownFinding {
  /** Stays the same object while the finding lives (the incremental engine keeps unchanged blocks' findings). */
  readonly finding: object;
  readonly diagnostic: vscode.Diagnostic;
}

/**
 * One file's findings spread over several collections of the same name. A finding stays in
 * its share for as long as it lives, and a new one joins the share of the finding before it,
 * so an edit re-sends only the shares it touched (those below it too when lines moved), each
 * in a turn of its own. Between two sends the file shows, share by share, the older list or
 * the newer one, so no finding shows twice or goes missing (unless findings change order
 * across shares). The Problems view, hovers and `getDiagnostics()` show the union, as from
 * one collection.
 */
export class DiagnosticShards implements vscode.Disposable {
  private readonly collections: vscode.DiagnosticCollection[] = [];
  /** Each file's share of every finding it shows. */
  private readonly shares = new Map<string, WeakMap<object, number>>();

  constructor(private readonly name: string) {}

  /** Every finding shown for a file, in order. */
  get(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    if (this.collections.length <= 1) return this.collections[0]?.get(uri) ?? [];
    return this.collections.flatMap((collection) => collection.get(uri) ?? []);
  }

  /**
   * Shows `findings` for a file, sending only the shares whose diagnostics differ from what
   * is shown (`same` compares two lists). Between two sends it awaits `yieldTurn`, and stops
   * when `stillWanted` says a newer list is on its way (that list then sends the rest).
   */
  async set(
    uri: vscode.Uri,
    findings: readonly ShownFinding[],
    same: (a: readonly vscode.Diagnostic[], b: readonly vscode.Diagnostic[]) => boolean,
    yieldTurn: () => Promise<void> = async () => undefined,
    stillWanted: () => boolean = () => true,
  ): Promise<void> {
    const split = this.split(uri.toString(), findings);
    let sent = false;
    for (let i = 0; i < Math.max(split.length, this.collections.length); i++) {
      const share = split[i] ?? [];
      const collection = this.collection(i);
      if (same(collection.get(uri) ?? [], share)) continue;
      if (sent) {
        await yieldTurn();
        if (!stillWanted()) return;
      }
      if (share.length === 0) collection.delete(uri);
      else collection.set(uri, share);
      sent = true;
    }
  }

  delete(uri: vscode.Uri): void {
    this.shares.delete(uri.toString());
    for (const collection of this.collections) collection.delete(uri);
  }

  dispose(): void {
    for (const collection of this.collections) collection.dispose();
  }

  /** The findings' diagnostics by share: each keeps its share; a new one takes its predecessor's. */
  private split(key: string, findings: readonly ShownFinding[]): vscode.Diagnostic[][] {
    const before = this.shares.get(key);
    const after = new WeakMap<object, number>();
    let split: vscode.Diagnostic[][] = [];
    let current = 0;
    for (const { finding, diagnostic } of findings) {
      // Shares stay in document order, so a finding moved past its neighbours moves share.
      current = Math.max(current, before?.get(finding) ?? current);
      (split[current] ??= []).push(diagnostic);
      after.set(finding, current);
    }
    // First publish, or one area grew a lot: deal the list out again in even shares.
    if (split.some((share) => share && share.length > 2 * FINDINGS_PER_COLLECTION)) {
      split = [];
      findings.forEach(({ finding, diagnostic }, i) => {
        const share = Math.floor(i / FINDINGS_PER_COLLECTION);
        (split[share] ??= []).push(diagnostic);
        after.set(finding, share);
      });
    }
    this.shares.set(key, after);
    return Array.from(split, (share) => share ?? []);
  }

  private collection(index: number): vscode.DiagnosticCollection {
    // The second and later get names of their own: VS Code logs a warning for a name taken twice.
    while (this.collections.length <= index) {
      const n = this.collections.length;
      this.collections.push(vscode.languages.createDiagnosticCollection(n === 0 ? this.name : `${this.name}#${n + 1}`));
    }
    return this.collections[index]!;
  }
}
