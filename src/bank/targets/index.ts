/**
 * Targets: "the competencies I need", the rows of the story bank's coverage matrix. A
 * target set is a preset kept as data beside the bank (leadership principles, core
 * competencies, culture values) or the writer's own list in `.starcoachrc.json` or the
 * `starCoach.storyBank.targets` setting. No editor API.
 */
import competencies from './competencies.json';
import leadershipPrinciples from './leadership-principles.json';
import values from './values.json';

/** One competency or value a writer wants a story for. */
export interface TargetItem {
  /** Stable kebab-case id. */
  id: string;
  label: string;
  /** What a story for this item shows, in our own words. */
  behaviours: string[];
  /**
   * Bank tags that count as evidence for the item: category ids, competency names or value
   * ids of the bank questions (compared by `tagKey`, so "Cross-team collaboration" and
   * "cross team collaboration" are the same tag).
   */
  matches: string[];
}

/** A named list of targets. */
export interface TargetSet {
  /** Preset name, or "custom" for a writer's own list. */
  name: string;
  title: string;
  items: TargetItem[];
}

/** A writer's own target: a bare name, or an object with its label and matching tags. */
export type CustomTarget = string | { id?: string; label: string; behaviours?: string[]; matches?: string[] };

/** The `targets` option: a preset name or a list of the writer's own targets. */
export type TargetsOption = string | CustomTarget[];

interface PresetFile {
  name: string;
  title: string;
  description: string;
  items: TargetItem[];
}

const PRESET_FILES: readonly PresetFile[] = [competencies, leadershipPrinciples, values];

/** The bundled target presets by name. */
export const TARGET_PRESETS: Readonly<Record<string, TargetSet & { description: string }>> = Object.fromEntries(
  PRESET_FILES.map((preset) => [preset.name, { name: preset.name, title: preset.title, description: preset.description, items: preset.items }]),
);

export const TARGET_PRESET_NAMES: readonly string[] = PRESET_FILES.map((preset) => preset.name);

/** The targets used when none are configured. */
export const DEFAULT_TARGETS = 'competencies';

// Tags come from a bank's small vocabulary, and a Story Bank update compares each story's again.
const tagKeys = new Map<string, string>();
const TAG_KEYS = 4_096;

/** A tag as compared: lower case, runs of spaces, hyphens and underscores as one hyphen. */
export function tagKey(tag: string): string {
  let key = tagKeys.get(tag);
  if (key === undefined) {
    key = tag.trim().toLowerCase().replace(/[\s_\u2010-\u2015-]+/g, '-');
    if (tagKeys.size < TAG_KEYS) tagKeys.set(tag, key);
  }
  return key;
}

/** "Mentoring juniors" → "mentoring-juniors". */
function idOf(label: string): string {
  return tagKey(label).replace(/[^\p{L}\p{N}-]+/gu, '').replace(/^-+|-+$/g, '') || 'target';
}

/**
 * The target set an option names: a preset, or the writer's own list (a bare name matches
 * the bank tag of the same name; an object lists its own tags). Unset: the default preset.
 * Call `validateTargets` first; an unknown preset name falls back to the default here.
 */
export function resolveTargets(option: TargetsOption | undefined): TargetSet {
  if (option === undefined) return TARGET_PRESETS[DEFAULT_TARGETS];
  if (typeof option === 'string') return TARGET_PRESETS[option.toLowerCase()] ?? TARGET_PRESETS[DEFAULT_TARGETS];
  const used = new Set<string>();
  const items = option.map((entry): TargetItem => {
    const item = typeof entry === 'string' ? { label: entry } : entry;
    let id = item.id ?? idOf(item.label);
    for (let n = 2; used.has(id); n++) id = `${item.id ?? idOf(item.label)}-${n}`;
    used.add(id);
    return { id, label: item.label, behaviours: item.behaviours ?? [], matches: item.matches && item.matches.length > 0 ? item.matches : [item.label] };
  });
  return { name: 'custom', title: 'Your targets', items };
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((entry) => typeof entry === 'string' && entry.trim() !== '');

/**
 * Checks a raw `targets` value from a configuration file or the settings. Keeps the valid
 * entries of a list and names each bad one, as the other options do.
 */
export function validateTargets(raw: unknown, source: string): { targets?: TargetsOption; problems: string[] } {
  const where = `${source}: targets`;
  if (typeof raw === 'string') {
    if (TARGET_PRESET_NAMES.includes(raw.toLowerCase())) return { targets: raw.toLowerCase(), problems: [] };
    return { problems: [`${where}: "${raw}" is not a target preset; use ${TARGET_PRESET_NAMES.join(', ')}, or a list of competencies`] };
  }
  if (!Array.isArray(raw)) return { problems: [`${where}: expected a preset name (${TARGET_PRESET_NAMES.join(', ')}) or a list such as ["Conflict", "Mentoring"]`] };
  const problems: string[] = [];
  const kept: CustomTarget[] = [];
  raw.forEach((entry: unknown, index) => {
    const at = `${where}[${index}]`;
    if (typeof entry === 'string') {
      if (entry.trim() === '') problems.push(`${at}: an empty name`);
      else kept.push(entry.trim());
      return;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${at}: expected a name or an object with "label" and "matches"`);
      return;
    }
    const item = entry as Record<string, unknown>;
    const unknown = Object.keys(item).filter((key) => !['id', 'label', 'behaviours', 'matches'].includes(key));
    if (unknown.length > 0) problems.push(`${at}: ${unknown.join(', ')}: unknown key; expected id, label, behaviours, matches`);
    if (typeof item.label !== 'string' || item.label.trim() === '') return void problems.push(`${at}.label: expected the competency's name`);
    if (item.id !== undefined && (typeof item.id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(item.id))) return void problems.push(`${at}.id: expected a kebab-case id such as "mentoring"`);
    if (item.behaviours !== undefined && !isStringList(item.behaviours)) return void problems.push(`${at}.behaviours: expected a list of sentences`);
    if (item.matches !== undefined && !isStringList(item.matches)) return void problems.push(`${at}.matches: expected a list of bank categories, competencies or values`);
    kept.push({ label: item.label.trim(), ...(item.id ? { id: item.id as string } : {}), ...(item.behaviours ? { behaviours: item.behaviours as string[] } : {}), ...(item.matches ? { matches: item.matches as string[] } : {}) });
  });
  if (raw.length === 0) problems.push(`${where}: the list is empty; name at least one competency or use a preset`);
  return { targets: kept.length > 0 ? kept : undefined, problems };
}
