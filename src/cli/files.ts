import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { glob } from 'tinyglobby';

/** Drafts are short; anything larger is almost certainly not one, and would only slow a run. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MARKDOWN = /\.(?:md|markdown|mdown|mkd)$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.cache', '.vscode-test']);

/** A problem with one input: `error` stops a clean exit, `skip` is a note. */
export interface InputProblem {
  path: string;
  level: 'error' | 'skip';
  message: string;
}

function walkMarkdown(directory: string, found: string[]): void {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name.startsWith('.') && entry.name !== '.star-coach') continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walkMarkdown(path, found);
    } else if (entry.isFile() && MARKDOWN.test(entry.name)) {
      found.push(path);
    }
  }
}

/** Turns paths, directories and globs into a sorted list of markdown files. */
export async function expandInputs(inputs: string[]): Promise<{ files: string[]; problems: InputProblem[] }> {
  const files: string[] = [];
  const problems: InputProblem[] = [];
  for (const input of inputs) {
    let stats;
    try {
      stats = statSync(input);
    } catch {
      stats = undefined;
    }
    if (stats?.isDirectory()) {
      const found: string[] = [];
      walkMarkdown(input, found);
      if (found.length === 0) problems.push({ path: input, level: 'error', message: 'no markdown files in this directory' });
      files.push(...found.sort());
    } else if (stats?.isFile()) {
      files.push(input);
    } else if (/[*?{}[\]]/.test(input)) {
      const found = await glob(input, { ignore: ['**/node_modules/**', '**/.git/**'], onlyFiles: true, expandDirectories: false });
      if (found.length === 0) problems.push({ path: input, level: 'error', message: 'no files match this pattern' });
      files.push(...found.sort());
    } else {
      problems.push({ path: input, level: 'error', message: 'no such file or directory' });
    }
  }
  return { files: [...new Set(files)], problems };
}

function swapBytes(buffer: Buffer): Buffer {
  const swapped = Buffer.from(buffer);
  swapped.swap16();
  return swapped;
}

/**
 * Reads a file as text, honouring a UTF-8 or UTF-16 byte-order mark. Binary files,
 * invalid UTF-8 and oversized files are reported, never guessed at. Never writes.
 */
export function readText(path: string): { text: string } | { problem: InputProblem } {
  let buffer: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) {
      const mb = (size / 1024 / 1024).toFixed(1);
      return { problem: { path, level: 'skip', message: `skipped: ${mb} MB is over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for an answer draft` } };
    }
    buffer = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String((error as Error).message);
    return { problem: { path, level: 'error', message: `cannot read: ${reason}` } };
  }
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: buffer.subarray(2).toString('utf16le') };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: swapBytes(buffer.subarray(2, buffer.length - (buffer.length % 2))).toString('utf16le') };
  const start = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  if (buffer.subarray(0, 8192).includes(0)) return { problem: { path, level: 'error', message: 'not a text file (it contains NUL bytes); skipped' } };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(start)) };
  } catch {
    return { problem: { path, level: 'error', message: 'not valid UTF-8; save it as UTF-8 and try again' } };
  }
}
