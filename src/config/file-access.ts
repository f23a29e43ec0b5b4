/**
 * How the configuration and bank loaders reach files, so the same loaders run in the CLI
 * (Node's file system), the desktop extension and the web extension (`vscode.workspace.fs`).
 * A location is an opaque string: an absolute path in Node, a URI string in the editor.
 */
export interface FileAccess {
  /** The file's text (UTF-8, a leading BOM removed), or undefined when no such file exists. Other failures throw a FileReadError. */
  readText(location: string): Promise<string | undefined>;
  /** `path` taken relative to the folder `folder`; an absolute `path` stands on its own (and needs no folder). */
  resolve(folder: string | undefined, path: string): string;
  /** Whether a path the user wrote is absolute (`/x`, `C:\x`, `\\server\x`). */
  isAbsolute(path: string): boolean;
  /** The folder holding a location, or undefined at the root. */
  parent(location: string): string | undefined;
  /** How a location is named in messages: a file path where there is one. */
  display(location: string): string;
}

/** A file that exists but cannot be read as text. */
export class FileReadError extends Error {
  constructor(
    /** `directory` when the location is a folder; `other` for permissions and the rest. */
    readonly kind: 'directory' | 'other',
    /** A short reason such as `EACCES`, for the message. */
    readonly detail: string,
  ) {
    super(kind === 'directory' ? 'is a folder' : `cannot read the file (${detail})`);
  }
}

/** Absolute in POSIX, Windows drive or UNC form, whatever platform we run on. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path);
}

/** Strips a UTF-8 byte order mark, which editors on Windows like to write. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Finds the nearest file with a given relative path by walking up from a file's folder,
 * caching per folder, so checking many files in one tree reads each folder once.
 */
export class NearestFileFinder {
  private readonly byFolder = new Map<string, Promise<string | null>>();

  constructor(
    private readonly relativePath: string,
    private readonly access: FileAccess,
  ) {}

  /** The nearest such file for the file at `location`, or null. */
  find(location: string): Promise<string | null> {
    const folder = this.access.parent(location);
    return folder === undefined ? Promise.resolve(null) : this.inFolder(folder);
  }

  private inFolder(folder: string): Promise<string | null> {
    let found = this.byFolder.get(folder);
    if (!found) {
      found = (async () => {
        const candidate = this.access.resolve(folder, this.relativePath);
        if (await exists(this.access, candidate)) return candidate;
        const parent = this.access.parent(folder);
        return parent === undefined || parent === folder ? null : this.inFolder(parent);
      })();
      this.byFolder.set(folder, found);
    }
    return found;
  }
}

// A folder or unreadable file with the wanted name counts as found: the loader then says what is wrong with it.
async function exists(access: FileAccess, location: string): Promise<boolean> {
  try {
    return (await access.readText(location)) !== undefined;
  } catch {
    return true;
  }
}
