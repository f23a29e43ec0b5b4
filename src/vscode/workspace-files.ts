import * as vscode from 'vscode';
import { FileReadError, isAbsolutePath, withoutBom, type FileAccess } from '../config/file-access';

const decoder = new TextDecoder('utf-8');
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** A closed draft's text from its bytes; undefined for a binary file (a NUL byte) or one that is not UTF-8, which are not checked. */
export function draftText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * File access through `vscode.workspace.fs`, so `.starcoachrc.json` and custom banks are
 * read the same way on the desktop, in a remote window and on vscode.dev (web worker, no
 * Node). Locations are URI strings; messages name `file:` locations by their path.
 */
export const workspaceFiles: FileAccess = {
  async readText(location) {
    const uri = vscode.Uri.parse(location, true);
    try {
      return withoutBom(decoder.decode(await vscode.workspace.fs.readFile(uri)));
    } catch (error) {
      const code = error instanceof vscode.FileSystemError ? error.code : (error as { code?: string }).code;
      if (code === 'FileNotFound' || code === 'ENOENT' || code === 'EntryNotFound') return undefined;
      if (code === 'FileIsADirectory' || code === 'EISDIR') throw new FileReadError('directory', code);
      // Some file systems report a folder as an unknown failure; ask which it is.
      const type = await vscode.workspace.fs.stat(uri).then((stat) => stat.type, () => undefined);
      if (type === undefined) return undefined;
      if (type & vscode.FileType.Directory) throw new FileReadError('directory', code ?? 'folder');
      throw new FileReadError('other', code ?? (error as Error).message);
    }
  },
  resolve(folder, path) {
    if (isAbsolutePath(path)) {
      const base = folder === undefined ? undefined : vscode.Uri.parse(folder, true);
      return (base === undefined || base.scheme === 'file' ? vscode.Uri.file(path) : base.with({ path: path.replace(/\\/g, '/') })).toString();
    }
    if (folder === undefined) throw new Error(`cannot resolve the relative path "${path}" without a folder`);
    return vscode.Uri.joinPath(vscode.Uri.parse(folder, true), ...path.split(/[\\/]/).filter(Boolean)).toString();
  },
  isAbsolute: isAbsolutePath,
  parent(location) {
    const uri = vscode.Uri.parse(location, true);
    const parent = vscode.Uri.joinPath(uri, '..');
    return parent.path === uri.path ? undefined : parent.toString();
  },
  display(location) {
    const uri = vscode.Uri.parse(location, true);
    return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
  },
};
