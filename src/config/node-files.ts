import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { FileReadError, withoutBom, type FileAccess } from './file-access';

/** File access through Node's file system; locations are absolute paths. For the CLI and Node tests. */
export const nodeFiles: FileAccess = {
  async readText(location) {
    try {
      return withoutBom(await readFile(location, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      if (code === 'EISDIR') throw new FileReadError('directory', code);
      throw new FileReadError('other', code ?? (error as Error).message);
    }
  },
  resolve: (folder, path) => (folder === undefined ? resolve(path) : resolve(folder, path)),
  isAbsolute: (path) => isAbsolute(path),
  parent(location) {
    const parent = dirname(resolve(location));
    return parent === resolve(location) ? undefined : parent;
  },
  display: (location) => location,
};
