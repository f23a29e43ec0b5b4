import * as vscode from 'vscode';
import { snippetBody } from '../core/snippet';
import type { TextEdit } from '../core/types';

/** A core edit as a snippet: each placeholder becomes a tab stop, numbered from `firstStop`. */
export function toSnippet(edit: TextEdit, firstStop = 1): vscode.SnippetString {
  return new vscode.SnippetString(snippetBody(edit, firstStop));
}

export function toRange(document: vscode.TextDocument, edit: TextEdit): vscode.Range {
  return new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length));
}

/** `SnippetTextEdit.keepWhitespace` and `insertSnippet(…, { keepWhitespace })` arrived in VS Code 1.98. */
const KEEP_WHITESPACE_SINCE: readonly [number, number] = [1, 98];

/** Whether a VS Code version (`vscode.version`, e.g. `1.139.1` or `1.99.0-insider`) honours `keepWhitespace`. */
export function supportsKeepWhitespace(version: string): boolean {
  const [major = 0, minor = 0] = version.split(/[.-]/).map((part) => Number.parseInt(part, 10));
  return major > KEEP_WHITESPACE_SINCE[0] || (major === KEEP_WHITESPACE_SINCE[0] && minor >= KEEP_WHITESPACE_SINCE[1]);
}

/**
 * A core edit as a snippet edit that VS Code applies as written. By default VS Code puts the
 * indentation of the line an edit starts on in front of every further line of a snippet: the
 * core already indents inserted sections like their neighbours, so that would indent them
 * twice (a sub-bullet after an indented continuation line, a code block after indented
 * paragraphs). Before `keepWhitespace` existed, such an edit goes in as plain text (no tab
 * stops) rather than re-indented; undefined means "use a plain edit".
 */
function snippetEdit(document: vscode.TextDocument, edit: TextEdit, firstStop: number): vscode.SnippetTextEdit | undefined {
  const range = toRange(document, edit);
  const result = vscode.SnippetTextEdit.replace(range, toSnippet(edit, firstStop));
  if (supportsKeepWhitespace(vscode.version)) {
    (result as vscode.SnippetTextEdit & { keepWhitespace?: boolean }).keepWhitespace = true;
    return result;
  }
  const indented = /^\s/.test(document.lineAt(range.start.line).text);
  return indented && /[\r\n]/.test(edit.text) ? undefined : result;
}

/**
 * A workspace edit that applies core edits. As snippets, placeholders become tab stops
 * numbered across all edits, so Tab walks through every inserted prompt in order.
 */
export function workspaceEditFor(document: vscode.TextDocument, edits: TextEdit[], snippet: boolean): vscode.WorkspaceEdit {
  const workspaceEdit = new vscode.WorkspaceEdit();
  const plain = (edit: TextEdit): vscode.TextEdit => vscode.TextEdit.replace(toRange(document, edit), edit.text);
  if (snippet) {
    let stop = 1;
    const snippetEdits = edits.map((edit) => {
      const asSnippet = snippetEdit(document, edit, stop);
      if (!asSnippet) return plain(edit);
      stop += edit.placeholders.length;
      return asSnippet;
    });
    workspaceEdit.set(document.uri, snippetEdits);
  } else {
    workspaceEdit.set(document.uri, edits.map(plain));
  }
  return workspaceEdit;
}

/** Options for `TextEditor.insertSnippet` that keep the snippet's whitespace as written (VS Code 1.98+). */
export function keepWhitespaceOptions(): { undoStopBefore: boolean; undoStopAfter: boolean } {
  return { undoStopBefore: true, undoStopAfter: true, ...(supportsKeepWhitespace(vscode.version) ? { keepWhitespace: true } : {}) };
}
