import { mergeOptions, validateOptions, type StarCoachOptions } from '../engine/options';
import type { SeveritySetting } from '../core/types';
import { RULES } from '../rules';
import { SETTINGS } from './constants';

/** The STAR Coach settings as VS Code returns them, before validation. Plain data. */
export interface SettingsSnapshot {
  /** `starCoach.severity.<alias>` values that the user set (unset ones are omitted). */
  severities: Record<string, unknown>;
  requiredSections?: unknown;
  synonyms?: unknown;
  framework?: unknown;
  /** `starCoach.storyBank.targets`: a target preset or list (see src/bank/targets). */
  targets?: unknown;
}

/**
 * Turns VS Code settings into the same options object the CLI builds from
 * `.starcoachrc.json`. Settings win over the rc file: rc first, settings layered on top.
 */
export function optionsFromSettings(settings: SettingsSnapshot, rcOptions: StarCoachOptions = {}): { options: StarCoachOptions; problems: string[] } {
  const rules: Record<string, SeveritySetting | unknown> = {};
  for (const rule of RULES) {
    const value = settings.severities[rule.alias];
    if (value !== undefined) rules[rule.alias] = value;
  }
  const raw: Record<string, unknown> = {};
  if (Object.keys(rules).length > 0) raw.rules = rules;
  if (settings.requiredSections !== undefined) raw.requiredSections = settings.requiredSections;
  if (settings.framework !== undefined) raw.framework = settings.framework;
  if (settings.targets !== undefined && settings.targets !== null) raw.targets = settings.targets;
  if (settings.synonyms !== undefined && settings.synonyms !== null && Object.keys(settings.synonyms as object).length > 0) raw.synonyms = settings.synonyms;
  const { options, problems } = validateOptions(raw, 'Settings (starCoach)');
  return { options: mergeOptions(rcOptions, options), problems };
}

/** The editor-only STAR Coach settings, typed and checked (all but `questionBanks`). The CLI has none of these. */
export interface EditorSettings {
  enable: boolean;
  include: string[];
  exclude: string[];
  debounceMs: number;
  hideWhileTyping: boolean;
  codeLensEnabled: boolean;
  wordsPerMinute: number;
}

/** A setting whose value was not used, and why. `key` is relative to `starCoach.`. */
export interface SettingProblem {
  key: string;
  message: string;
}

type Spec =
  | { key: string; kind: 'boolean'; default: boolean }
  | { key: string; kind: 'strings'; default: string[]; what: string }
  | { key: string; kind: 'number'; default: number; min: number; max: number; unit: string };

/** Keys, types, defaults and bounds, as declared in package.json (a unit test compares them). */
export const EDITOR_SETTING_SPECS: { readonly [K in keyof EditorSettings]: Spec } = {
  enable: { key: SETTINGS.enable, kind: 'boolean', default: true },
  include: { key: SETTINGS.include, kind: 'strings', default: [], what: 'glob patterns' },
  exclude: { key: SETTINGS.exclude, kind: 'strings', default: [], what: 'glob patterns' },
  debounceMs: { key: SETTINGS.debounceMs, kind: 'number', default: 300, min: 0, max: 5000, unit: 'milliseconds' },
  hideWhileTyping: { key: SETTINGS.hideWhileTyping, kind: 'boolean', default: false },
  codeLensEnabled: { key: SETTINGS.codeLens, kind: 'boolean', default: true },
  wordsPerMinute: { key: SETTINGS.wordsPerMinute, kind: 'number', default: 150, min: 60, max: 300, unit: 'words per minute' },
};
// `questionBanks` is read and checked per workspace folder by the question bank (customBankFiles),
// which resolves each path and reports bad entries itself.

const SOURCE = `Settings (${SETTINGS.section})`;

// One setting: the value when it has the declared type, otherwise the default (or the nearest bound) and a problem.
function checkSetting(spec: Spec, value: unknown): { value: unknown; problem?: string } {
  if (value === undefined) return { value: spec.default };
  const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
  const where = `${SOURCE}: ${spec.key}: ${shown}`;
  switch (spec.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? { value } : { value: spec.default, problem: `${where} is not true or false; using ${spec.default}` };
    case 'strings': {
      if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return { value };
      const hint = typeof value === 'string' ? `; write it as a list: [${shown}]` : '';
      return { value: spec.default, problem: `${where} is not a list of ${spec.what}; using ${JSON.stringify(spec.default)}${hint}` };
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return { value: spec.default, problem: `${where} is not a number of ${spec.unit}; using ${spec.default}` };
      if (value < spec.min) return { value: spec.min, problem: `${where} is below the minimum ${spec.min}; using ${spec.min}` };
      if (value > spec.max) return { value: spec.max, problem: `${where} is above the maximum ${spec.max}; using ${spec.max}` };
      return { value };
    }
  }
}

/**
 * Checks the editor settings as VS Code returns them (`read` gives a key's effective value,
 * or undefined), so a string where a list belongs or a word where a number belongs is
 * reported and replaced, never passed on to code that would throw or loop on it.
 */
export function editorSettingsFrom(read: (key: string) => unknown): { settings: EditorSettings; problems: SettingProblem[] } {
  const settings: Record<string, unknown> = {};
  const problems: SettingProblem[] = [];
  for (const [name, spec] of Object.entries(EDITOR_SETTING_SPECS)) {
    const checked = checkSetting(spec, read(spec.key));
    settings[name] = checked.value;
    if (checked.problem) problems.push({ key: spec.key, message: checked.problem });
  }
  return { settings: settings as unknown as EditorSettings, problems };
}
