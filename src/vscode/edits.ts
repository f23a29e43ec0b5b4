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

/**
 * A workspace edit that applies core edits. As snippets, placeholders become tab stops
 * numbered across all edits, so Tab walks through every inserted prompt in order.
 */
export function workspaceEditFor(document: vscode.TextDocument, edits: TextEdit[], snippet: boolean): vscode.WorkspaceEdit {
  const workspaceEdit = new vscode.WorkspaceEdit();
  if (snippet) {
    let stop = 1;
    const snippetEdits = edits.map((edit) => {
      const snippetEdit = vscode.SnippetTextEdit.replace(toRange(document, edit), toSnippet(edit, stop));
      stop += edit.placeholders.length;
      return snippetEdit;
    });
    workspaceEdit.set(document.uri, snippetEdits);
  } else {
    workspaceEdit.set(document.uri, edits.map((edit) => vscode.TextEdit.replace(toRange(document, edit), edit.text)));
  }
  return workspaceEdit;
}
