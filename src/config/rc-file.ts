import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { validateOptions, type StarCoachOptions } from '../core/options';

export const CONFIG_FILE_NAME = '.starcoachrc.json';

/** A configuration that could not be used; the message names the file and the key. */
export class ConfigError extends Error {}

/** Reads and validates one configuration file. */
export function loadConfigFile(path: string): StarCoachOptions {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`${path}: cannot read the configuration file`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(`${path}: invalid JSON: ${(error as Error).message}`);
  }
  const { options, problems } = validateOptions(parsed, path);
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return options;
}

/** Finds the nearest file with a given relative path by walking up from a file's folder; caches per folder. */
export class NearestFileFinder {
  private readonly byDirectory = new Map<string, string | null>();

  constructor(private readonly relativePath: string) {}

  /** The nearest such file for `file`, or null. */
  find(file: string): string | null {
    const visited: string[] = [];
    let directory = dirname(resolve(file));
    let found: string | null = null;
    for (;;) {
      const cached = this.byDirectory.get(directory);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(directory);
      const candidate = join(directory, this.relativePath);
      if (existsSync(candidate)) {
        found = candidate;
        break;
      }
      const parent = dirname(directory);
      if (parent === directory) break;
      directory = parent;
    }
    for (const dir of visited) this.byDirectory.set(dir, found);
    return found;
  }
}

/** Finds `.starcoachrc.json` by walking up from a file's folder. */
export class ConfigFinder extends NearestFileFinder {
  constructor() {
    super(CONFIG_FILE_NAME);
  }
}
