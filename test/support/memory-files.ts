import { FileReadError, type FileAccess } from '../../src/config/file-access';

/**
 * The files a workspace (or `workspace.fs`) would serve, in memory, for the configuration
 * loader's tests in Node and in the browser worker. No Node imports, so both can bundle it.
 * `folders` (and any location ending in `/`) read as directories; `reads` lists what was read.
 */
export function memoryFiles(files: Record<string, string>, folders: string[] = []): FileAccess & { reads: string[] } {
  const reads: string[] = [];
  const normalize = (path: string): string => {
    const parts: string[] = [];
    for (const part of path.split('/')) {
      if (part === '..') parts.pop();
      else if (part !== '.' && part !== '') parts.push(part);
    }
    return `/${parts.join('/')}`;
  };
  return {
    reads,
    async readText(location) {
      reads.push(location);
      if (folders.includes(location) || location.endsWith('/')) throw new FileReadError('directory', 'EISDIR');
      return files[location];
    },
    resolve: (folder, path) => normalize(path.startsWith('/') ? path : `${folder}/${path}`),
    isAbsolute: (path) => path.startsWith('/'),
    parent: (location) => (location === '/' ? undefined : normalize(`${location}/..`)),
    display: (location) => location,
  };
}
