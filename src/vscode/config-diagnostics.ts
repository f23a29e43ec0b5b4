import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import * as vscode from 'vscode';
import schema from '../bank/bank.schema.json';
import { compileSchema, formatPath, type JsonPath, type JsonSchema } from '../bank/schema-validator';
import { PRESETS, PRESET_NAMES } from '../config/presets';
import { validateOptions } from '../engine/options';

const SOURCE = 'STAR Coach';
const RC_NAME = '.starcoachrc.json';
const BANK_SUFFIX = '/.star-coach/questions.json';
/** The files this checks, open or not: every configuration and workspace bank in the workspace. */
const GLOB = `{**/${RC_NAME},**/*${RC_NAME},**${BANK_SUFFIX}}`;
const validateBank = compileSchema(schema as JsonSchema);

/** One problem in a file: where (offsets) and what. */
export interface ConfigProblem {
  start: number;
  end: number;
  message: string;
}

type Kind = 'config' | 'bank';

/** Where files are checked: on disk, remote, virtual workspaces and new files; not diff views of git history. */
const SCHEMES = new Set(['file', 'vscode-remote', 'vscode-vfs', 'untitled', 'vscode-test-web']);

/** Which kind of STAR Coach file a document is, if any. */
export function configKind(uri: vscode.Uri): Kind | undefined {
  if (!SCHEMES.has(uri.scheme)) return undefined;
  const path = uri.path;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === RC_NAME || name.endsWith(RC_NAME)) return 'config';
  if (path.endsWith(BANK_SUFFIX)) return 'bank';
  return undefined;
}

/** Parses JSON (with comments and trailing commas, when `lenient`); syntax errors become problems. */
function parseJson(text: string, lenient: boolean): { root: Node | undefined; problems: ConfigProblem[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: lenient, disallowComments: !lenient, allowEmptyContent: false });
  const problems = errors.map((e) => ({ start: e.offset, end: e.offset + Math.max(e.length, 1), message: `invalid JSON: ${printParseErrorCode(e.error)}` }));
  return { root, problems };
}

/** The node of a property's key (for "unknown key" problems) or of the value at `path`. */
function nodeAt(root: Node, path: JsonPath, key: boolean): Node {
  const value = findNodeAtLocation(root, [...path]);
  if (!value) return path.length > 0 ? nodeAt(root, path.slice(0, -1), false) : root;
  if (key && value.parent?.type === 'property') return value.parent.children?.[0] ?? value;
  return value;
}

const span = (node: Node, message: string): ConfigProblem => ({ start: node.offset, end: node.offset + node.length, message });

/**
 * The problems of a `.starcoachrc.json` text, each at the key or value it is about. The
 * options validator names the key in each message (`<source>: rules.x: …`); the key path
 * is read from there, so the editor and the CLI report the same problems in the same words.
 */
export function configProblems(text: string): ConfigProblem[] {
  const { root, problems } = parseJson(text.replace(/^\uFEFF/, ' '), true);
  if (!root || problems.length > 0) return problems.length > 0 ? problems : [{ start: 0, end: text.length, message: 'the file is empty; write {} for no settings' }];
  const raw = (root.type === 'object' ? Object.fromEntries((root.children ?? []).map((p) => [p.children?.[0]?.value, nodeValue(p.children?.[1])])) : nodeValue(root)) as Record<string, unknown>;
  const own = { ...raw };
  if (root.type === 'object' && 'extends' in own) {
    delete own.extends;
    problems.push(...extendsProblems(root, raw.extends));
  }
  const marker = '\u0000';
  for (const problem of validateOptions(own, marker).problems) {
    const rest = problem.startsWith(`${marker}: `) ? problem.slice(marker.length + 2) : problem;
    const colon = rest.indexOf(': ');
    if (root.type !== 'object' || colon < 0) {
      problems.push(span(root, rest));
      continue;
    }
    const keyPath = rest.slice(0, colon);
    const message = rest.slice(colon + 2);
    const dot = keyPath.indexOf('.');
    const path: JsonPath = dot < 0 ? [keyPath] : [keyPath.slice(0, dot), keyPath.slice(dot + 1)];
    let node = nodeAt(root, path, /^(unknown|not a section)/.test(message));
    // `"outcome" is not a section` in requiredSections: point at that entry.
    const quoted = /^("(?:[^"\\]|\\.)*"|\S+) is not a section/.exec(message)?.[1];
    if (keyPath === 'requiredSections' && quoted && node.type === 'array') {
      node = node.children?.find((item) => JSON.stringify(item.value) === quoted) ?? node;
    }
    problems.push(span(node, `${keyPath}: ${message}`));
  }
  return problems;
}

function nodeValue(node: Node | undefined): unknown {
  if (!node) return undefined;
  if (node.type === 'object') return Object.fromEntries((node.children ?? []).map((p) => [p.children?.[0]?.value, nodeValue(p.children?.[1])]));
  if (node.type === 'array') return (node.children ?? []).map(nodeValue);
  return node.value;
}

const PATH_REFERENCE = /^(\.{1,2}[/\\]|\/|[A-Za-z]:[/\\])|\.jsonc?$/i;

/** `extends` problems that need no file access: the value's shape and unknown presets. */
function extendsProblems(root: Node, value: unknown): ConfigProblem[] {
  const node = nodeAt(root, ['extends'], false);
  const list = typeof value === 'string' ? [value] : value;
  const expected = `extends: expected a preset name (${PRESET_NAMES.join(', ')}) or a relative path such as "./base.starcoachrc.json", or a list of them`;
  if (!Array.isArray(list) || list.length === 0) return [span(node, expected)];
  const problems: ConfigProblem[] = [];
  list.forEach((reference, index) => {
    const at = node.type === 'array' ? (node.children?.[index] ?? node) : node;
    if (typeof reference !== 'string' || reference.trim() === '') problems.push(span(at, expected));
    else if (!PATH_REFERENCE.test(reference) && !Object.hasOwn(PRESETS, reference.toLowerCase())) {
      problems.push(span(at, `extends: "${reference}" is not a preset (${PRESET_NAMES.join(', ')}); write a file as a relative path such as "./${reference}.json"`));
    }
  });
  return problems;
}

/** The relative `extends` paths of a configuration, with their nodes, to check that they exist. */
function extendsPaths(text: string): Array<{ node: Node; path: string }> {
  const { root } = parseJson(text.replace(/^\uFEFF/, ' '), true);
  const node = root && findNodeAtLocation(root, ['extends']);
  if (!node) return [];
  const items = node.type === 'array' ? (node.children ?? []) : [node];
  return items.filter((item) => typeof item.value === 'string' && PATH_REFERENCE.test(item.value)).map((item) => ({ node: item, path: item.value as string }));
}

/** The problems of a question bank text, each at the value the bank schema rejects. */
export function bankProblems(text: string): ConfigProblem[] {
  const { root, problems } = parseJson(text.replace(/^\uFEFF/, ' '), false);
  if (!root || problems.length > 0) return problems.length > 0 ? problems : [{ start: 0, end: text.length, message: 'the file is empty; a bank is { "questions": [ … ] }' }];
  const data = nodeValue(root);
  for (const error of validateBank(data)) {
    const where = formatPath(error.path);
    problems.push(span(nodeAt(root, error.path, error.keyword === 'additionalProperties'), `${where ? `${where}: ` : ''}${error.message}`));
  }
  // Ids must be unique across the file, which the schema cannot say.
  const questions = findNodeAtLocation(root, ['questions']);
  const seen = new Map<string, number>();
  (questions?.type === 'array' ? (questions.children ?? []) : []).forEach((question, index) => {
    const id = question.type === 'object' ? findNodeAtLocation(question, ['id']) : undefined;
    if (!id || typeof id.value !== 'string') return;
    const earlier = seen.get(id.value);
    if (earlier === undefined) seen.set(id.value, index);
    else problems.push(span(id, `questions[${index}].id: "${id.value}" is already used by questions[${earlier}]; this one is skipped`));
  });
  return problems;
}

/**
 * Shows what is wrong with `.starcoachrc.json` files and workspace question banks as
 * diagnostics in those files (squiggles and the Problems panel), while they are typed in
 * and for files on disk that are not open, so a mistake is found where it was made, not
 * only from the notification the loader shows.
 */
export class ConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('starCoach.config');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly versions = new Map<string, number>();

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.checkOnDisk(uri)),
      watcher.onDidChange((uri) => this.checkOnDisk(uri)),
      watcher.onDidDelete((uri) => this.collection.delete(uri)),
      // Files made or renamed in the Explorer, in case the watcher is slow to see a new folder.
      vscode.workspace.onDidCreateFiles((event) => event.files.forEach((uri) => void this.checkOnDisk(uri))),
      vscode.workspace.onDidRenameFiles((event) => event.files.forEach(({ oldUri, newUri }) => (this.collection.delete(oldUri), void this.checkOnDisk(newUri)))),
      vscode.workspace.onDidOpenTextDocument((document) => this.checkDocument(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.checkDocument(event.document)),
      // A closed file is checked as it is on disk: unsaved edits are gone with it.
      vscode.workspace.onDidCloseTextDocument((document) => this.checkOnDisk(document.uri)),
    );
    for (const document of vscode.workspace.textDocuments) this.checkDocument(document);
    void vscode.workspace.findFiles(GLOB, '**/node_modules/**', 500).then((uris) => {
      for (const uri of uris) if (!this.openDocument(uri)) void this.checkOnDisk(uri);
    });
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  }

  private checkDocument(document: vscode.TextDocument): void {
    if (!configKind(document.uri)) return;
    void this.check(document.uri, document.getText(), document.version);
  }

  private async checkOnDisk(uri: vscode.Uri): Promise<void> {
    if (!configKind(uri)) return;
    const open = this.openDocument(uri);
    if (open && !open.isClosed) return this.checkDocument(open);
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      this.collection.delete(uri);
      return;
    }
    await this.check(uri, new TextDecoder('utf-8').decode(bytes), -1);
  }

  private async check(uri: vscode.Uri, text: string, version: number): Promise<void> {
    const key = uri.toString();
    this.versions.set(key, version);
    const kind = configKind(uri);
    const problems = kind === 'config' ? configProblems(text) : bankProblems(text);
    if (kind === 'config') {
      const folder = vscode.Uri.joinPath(uri, '..');
      for (const { node, path } of extendsPaths(text)) {
        const target = /^([/\\]|[A-Za-z]:)/.test(path) ? vscode.Uri.file(path) : vscode.Uri.joinPath(folder, ...path.split(/[\\/]/).filter(Boolean));
        const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
        if (!exists) problems.push(span(node, `extends: "${path}" does not exist`));
      }
    }
    // A newer text arrived while files were being looked at; its own check wins.
    if (this.versions.get(key) !== version) return;
    const positions = (offset: number): vscode.Position => positionAt(text, offset);
    this.collection.set(
      uri,
      problems.map((p) => {
        const diagnostic = new vscode.Diagnostic(new vscode.Range(positions(p.start), positions(p.end)), p.message, vscode.DiagnosticSeverity.Error);
        diagnostic.source = SOURCE;
        return diagnostic;
      }),
    );
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** A position in `text` for an offset, counting \r\n, \r and \n as line breaks as VS Code does. */
function positionAt(text: string, offset: number): vscode.Position {
  let line = 0;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return new vscode.Position(line, end - lineStart);
}
