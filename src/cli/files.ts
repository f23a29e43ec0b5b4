import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, lstatSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
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

/** A file to check. `explicit` when the user named it; found in a folder or by a glob otherwise. */
export interface InputFile {
  path: string;
  explicit: boolean;
}

/** What a file is when it is not a regular file or a folder, for messages. */
function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** Why a path cannot be opened, in words; symbolic links that lead nowhere say so. */
function unreachable(path: string, error: unknown): string {
  const code = errorCode(error);
  let isLink = false;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch {
    // The path itself does not exist.
  }
  if (isLink && code === 'ELOOP') return 'symbolic link loop (the link leads back to itself)';
  if (isLink && code === 'ENOENT') return 'broken symbolic link (its target does not exist)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file or directory';
  return (error as Error).message;
}

/**
 * Collects markdown files under a folder. Symbolic links are followed, to files and to
 * folders; a link back to a folder being walked (a loop) is skipped with a note, and a folder
 * reached twice is walked once.
 */
function walkMarkdown(directory: string, found: string[], problems: InputProblem[], ancestors: Set<string>, visited: Set<string>): void {
  let entries;
  try {
    // Sorted, so that which of two links to one folder is walked does not depend on the file system.
    entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    problems.push({ path: directory, level: 'error', message: `cannot read this folder: ${unreachable(directory, error)}` });
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') && entry.name !== '.star-coach') continue;
    const path = join(directory, entry.name);
    let stats: Stats | undefined;
    if (entry.isSymbolicLink()) {
      try {
        stats = statSync(path);
      } catch (error) {
        if (MARKDOWN.test(entry.name)) problems.push({ path, level: 'skip', message: `skipped: ${unreachable(path, error)}` });
        continue;
      }
    }
    const isDirectory = stats ? stats.isDirectory() : entry.isDirectory();
    if (isDirectory) {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      let real: string;
      try {
        real = realpathSync(path);
      } catch (error) {
        problems.push({ path, level: 'skip', message: `skipped: ${unreachable(path, error)}` });
        continue;
      }
      if (ancestors.has(real)) {
        problems.push({ path, level: 'skip', message: 'skipped: symbolic link to a folder that contains it (a loop)' });
        continue;
      }
      if (visited.has(real)) continue;
      visited.add(real);
      ancestors.add(real);
      walkMarkdown(path, found, problems, ancestors, visited);
      ancestors.delete(real);
    } else if (MARKDOWN.test(entry.name)) {
      const isFile = stats ? stats.isFile() : entry.isFile();
      if (isFile) found.push(path);
      else {
        let what = 'not a regular file';
        try {
          what = kindOf(stats ?? statSync(path));
        } catch {
          // Gone since the listing: say only that it is not a regular file.
        }
        problems.push({ path, level: 'skip', message: `skipped: ${what}, not a regular file` });
      }
    }
  }
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Turns paths, directories and globs into a list of markdown files: folders sorted, in the
 * order given, each file once even when reached by two paths (links included).
 */
export async function expandInputs(inputs: string[]): Promise<{ files: InputFile[]; problems: InputProblem[] }> {
  const files: InputFile[] = [];
  const problems: InputProblem[] = [];
  const visited = new Set<string>();
  for (const input of inputs) {
    let stats: Stats | undefined;
    let failure: unknown;
    try {
      stats = statSync(input);
    } catch (error) {
      failure = error;
    }
    if (stats?.isDirectory()) {
      const found: string[] = [];
      const real = realOrSelf(input);
      visited.add(real);
      walkMarkdown(input, found, problems, new Set([real]), visited);
      if (found.length === 0) problems.push({ path: input, level: 'error', message: 'no markdown files in this directory' });
      files.push(...found.sort().map((path) => ({ path, explicit: false })));
    } else if (stats?.isFile()) {
      files.push({ path: input, explicit: true });
    } else if (stats) {
      problems.push({ path: input, level: 'error', message: `cannot read: ${kindOf(stats)}, not a regular file` });
    } else if (/[*?{}[\]]/.test(input)) {
      const found = await glob(input, { ignore: ['**/node_modules/**', '**/.git/**'], onlyFiles: true, expandDirectories: false });
      if (found.length === 0) problems.push({ path: input, level: 'error', message: 'no files match this pattern' });
      files.push(...found.sort().map((path) => ({ path, explicit: false })));
    } else {
      problems.push({ path: input, level: 'error', message: unreachable(input, failure) });
    }
  }
  const byRealPath = new Map<string, InputFile>();
  for (const file of files) {
    const key = realOrSelf(file.path);
    const seen = byRealPath.get(key);
    if (seen) seen.explicit ||= file.explicit;
    else byRealPath.set(key, { ...file });
  }
  return { files: [...byRealPath.values()], problems };
}

function swapBytes(buffer: Buffer): Buffer {
  const swapped = Buffer.from(buffer.subarray(0, buffer.length - (buffer.length % 2)));
  swapped.swap16();
  return swapped;
}

/** How a file was stored, so that `fix` writes it back the same way. */
export type TextEncodingName = 'utf8' | 'utf16le' | 'utf16be';

/** A file read as text, with what is needed to write it back unchanged in form. */
export interface ReadFile {
  /** The text without its byte-order mark. */
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
  /** The bytes as read. */
  bytes: Buffer;
  /** The file's stats when it was read. */
  stats: Stats;
}

/**
 * Text with no byte-order mark whose NUL bytes fall on one parity only is almost surely
 * UTF-16 (ASCII characters have a zero high byte); says which byte order, or undefined.
 */
function looksLikeUtf16(sample: Buffer): 'little-endian' | 'big-endian' | undefined {
  let even = 0;
  let odd = 0;
  const pairs = Math.floor(sample.length / 2);
  for (let i = 0; i < pairs * 2; i++) if (sample[i] === 0) i % 2 === 0 ? even++ : odd++;
  if (pairs === 0) return undefined;
  if (odd >= pairs / 4 && even <= odd / 20) return 'little-endian';
  if (even >= pairs / 4 && odd <= even / 20) return 'big-endian';
  return undefined;
}

/**
 * Reads a file as text, honouring a UTF-8 or UTF-16 byte-order mark. Binary files, UTF-16
 * without a byte-order mark, invalid UTF-8, files that are not regular files and oversized
 * files are reported, never guessed at. An oversized file the user named is an error; one
 * found in a folder is skipped with a note. Never writes.
 */
export function readText(file: InputFile): ReadFile | { problem: InputProblem } {
  const { path, explicit } = file;
  let buffer: Buffer;
  let stats: Stats;
  try {
    stats = statSync(path);
    if (!stats.isFile()) {
      return { problem: { path, level: explicit ? 'error' : 'skip', message: explicit ? `cannot read: ${kindOf(stats)}, not a regular file` : `skipped: ${kindOf(stats)}, not a regular file` } };
    }
    if (stats.size > MAX_FILE_BYTES) {
      const mb = (stats.size / 1024 / 1024).toFixed(1);
      const limit = `${mb} MB is over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for an answer draft`;
      return { problem: explicit ? { path, level: 'error', message: `not checked: ${limit}` } : { path, level: 'skip', message: `skipped: ${limit}` } };
    }
    buffer = readFileSync(path);
  } catch (error) {
    const code = errorCode(error);
    const reason = code === 'EISDIR' ? 'is a directory' : unreachable(path, error);
    return { problem: { path, level: 'error', message: `cannot read: ${reason}` } };
  }
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: buffer.subarray(2).toString('utf16le'), encoding: 'utf16le', bom: true, bytes: buffer, stats };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: swapBytes(buffer.subarray(2)).toString('utf16le'), encoding: 'utf16be', bom: true, bytes: buffer, stats };
  const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  const sample = buffer.subarray(0, 8192);
  if (sample.includes(0)) {
    const utf16 = looksLikeUtf16(sample);
    const message = utf16
      ? `looks like UTF-16 (${utf16}) without a byte-order mark; save it as UTF-8, or as UTF-16 with a byte-order mark, and try again`
      : 'not a text file (it contains NUL bytes); skipped';
    return { problem: { path, level: 'error', message } };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer.subarray(bom ? 3 : 0)), encoding: 'utf8', bom, bytes: buffer, stats };
  } catch {
    return { problem: { path, level: 'error', message: 'not valid UTF-8; save it as UTF-8 and try again' } };
  }
}

/** Encodes text as `read` was stored: the same encoding, with its byte-order mark if it had one. */
export function encodeLike(read: Pick<ReadFile, 'encoding' | 'bom'>, text: string): Buffer {
  const withBom = read.bom ? `\ufeff${text}` : text;
  if (read.encoding === 'utf8') return Buffer.from(withBom, 'utf8');
  const little = Buffer.from(withBom, 'utf16le');
  return read.encoding === 'utf16le' ? little : little.swap16();
}

/** A write that did not happen; the file is as it was. */
export class WriteError extends Error {}

/**
 * Replaces a file's content atomically: writes a temporary file beside it with the same mode
 * (and owner, where allowed), flushes it, then renames it over the file, so a reader sees the
 * old content or the new, never half. A symbolic link is kept and its target is written. If
 * the file changed since `before` was taken, nothing is written.
 */
export function writeFileAtomic(path: string, data: Uint8Array, before: Stats): void {
  let target: string;
  let now: Stats;
  try {
    target = realpathSync(path);
    now = statSync(target);
    // A rename would replace a file we may not write to; refuse as writing in place would.
    accessSync(target, constants.W_OK);
  } catch (error) {
    throw new WriteError(`cannot write: ${unreachable(path, error)}`);
  }
  if (now.mtimeMs !== before.mtimeMs || now.size !== before.size || now.ino !== before.ino) {
    throw new WriteError('changed on disk while it was being fixed; left as it is');
  }
  const mode = now.mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.star-coach-tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    for (let written = 0; written < data.length; ) written += writeSync(fd, data, written, data.length - written);
    fchmodSync(fd, mode);
    try {
      fchownSync(fd, now.uid, now.gid);
    } catch {
      // Only the owner or root may give a file away; the new file keeps the writer's owner.
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already renamed.
    }
    const code = errorCode(error);
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : code === 'ENOSPC' ? 'no space left on the device' : (error as Error).message;
    throw new WriteError(`cannot write: ${reason}; left as it is`);
  }
}
