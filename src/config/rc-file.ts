import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { mergeOptions, validateOptions, type StarCoachOptions } from '../engine/options';
import { FileReadError, NearestFileFinder, withoutBom, type FileAccess } from './file-access';
import { PRESET_NAMES, PRESETS } from './presets';

export const CONFIG_FILE_NAME = '.starcoachrc.json';

/** A configuration that could not be used; the message names the file (and the `extends` chain) and the key. */
export class ConfigError extends Error {}

/** A configuration file with everything it extends, resolved. */
export interface LoadedConfig {
  /** The options in force: extended layers first, in order, the file's own options on top. */
  options: StarCoachOptions;
  /** Every file that was read (the file first), so an editor can watch them all. */
  files: string[];
}

const READABLE_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'nothing more was expected',
  InvalidCommentToken: 'malformed comment',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'unknown escape in a string',
  InvalidCharacter: 'a control character inside a string',
};

/**
 * Parses the text of a configuration file. It is JSONC, as VS Code's own settings files
 * are: `//` and `/* *\/` comments and trailing commas are allowed. Throws a ConfigError
 * naming the first syntax error's line and column.
 */
export function parseConfigText(text: string, source: string): unknown {
  const errors: ParseError[] = [];
  const clean = withoutBom(text);
  const value: unknown = parse(clean, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (errors.length > 0) {
    const { error, offset } = errors[0];
    const before = clean.slice(0, offset).split(/\r\n|\r|\n/);
    const code = printParseErrorCode(error);
    throw new ConfigError(`${source}: invalid JSON at line ${before.length}, column ${before[before.length - 1].length + 1}: ${READABLE_ERRORS[code] ?? code}`);
  }
  return value;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A relative or absolute path, as opposed to a preset name: `./base.json`, `../x`, `/x`, `team.json`. */
function isPathReference(reference: string, access: FileAccess): boolean {
  return reference.startsWith('./') || reference.startsWith('../') || reference.startsWith('.\\') || reference.startsWith('..\\') || access.isAbsolute(reference) || /\.jsonc?$/i.test(reference);
}

/**
 * Reads a configuration file and everything it `extends`: a preset name (see PRESETS) or
 * a path relative to the extending file, or a list of them, applied in order under the
 * file's own options. A cycle, a missing file or an unknown preset is a ConfigError that
 * names the file and the chain of `extends` that led to it.
 */
export async function loadConfig(location: string, access: FileAccess): Promise<LoadedConfig> {
  const files: string[] = [];
  const options = await loadLayer(location, [], access, files);
  return { options, files };
}

/** Reads a configuration file and what it extends; the options only. */
export async function loadConfigFile(location: string, access: FileAccess): Promise<StarCoachOptions> {
  return (await loadConfig(location, access)).options;
}

async function loadLayer(location: string, chain: readonly string[], access: FileAccess, files: string[]): Promise<StarCoachOptions> {
  const name = access.display(location);
  const via = chain.length > 0 ? ` (extended by ${chain.map((file) => access.display(file)).reverse().join(', extended by ')})` : '';
  if (chain.includes(location)) {
    const cycle = [...chain.slice(chain.indexOf(location)), location].map((file) => access.display(file)).join(' → ');
    throw new ConfigError(`${access.display(chain[chain.length - 1])}: "extends" goes round in a circle: ${cycle}`);
  }
  let text: string | undefined;
  try {
    text = await access.readText(location);
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    throw new ConfigError(`${name}${via}: ${error.kind === 'directory' ? 'is a folder, not a configuration file' : `cannot read the configuration file (${error.detail})`}`);
  }
  if (text === undefined) throw new ConfigError(`${name}${via}: ${chain.length > 0 ? 'file not found' : 'cannot read the configuration file'}`);
  if (!files.includes(location)) files.push(location);

  const raw = parseConfigText(text, `${name}${via}`);
  const layers: StarCoachOptions[] = [];
  let own: unknown = raw;
  if (isRecord(raw) && 'extends' in raw) {
    const { extends: references, ...rest } = raw;
    own = rest;
    const list = typeof references === 'string' ? [references] : references;
    if (!Array.isArray(list) || list.length === 0 || !list.every((entry) => typeof entry === 'string' && entry.trim() !== '')) {
      throw new ConfigError(`${name}${via}: extends: expected a preset name (${PRESET_NAMES.join(', ')}) or a relative path such as "./base.starcoachrc.json", or a list of them`);
    }
    const folder = access.parent(location) ?? location;
    for (const reference of list as string[]) {
      if (isPathReference(reference, access)) {
        layers.push(await loadLayer(access.resolve(folder, reference), [...chain, location], access, files));
      } else if (Object.hasOwn(PRESETS, reference.toLowerCase())) {
        layers.push(PRESETS[reference.toLowerCase()]);
      } else {
        throw new ConfigError(`${name}${via}: extends: "${reference}" is not a preset (${PRESET_NAMES.join(', ')}); write a file as a relative path such as "./${reference}.json"`);
      }
    }
  }
  const { options, problems } = validateOptions(own, `${name}${via}`);
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return mergeOptions(...layers, options);
}

/** Finds `.starcoachrc.json` by walking up from a file's folder. */
export class ConfigFinder extends NearestFileFinder {
  constructor(access: FileAccess) {
    super(CONFIG_FILE_NAME, access);
  }
}

export { NearestFileFinder };
