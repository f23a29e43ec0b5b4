import { mergeOptions, validateOptions, type StarCoachOptions } from '../core/options';
import type { SeveritySetting } from '../core/types';
import { RULES } from '../rules';

/** The STAR Coach settings as VS Code returns them, before validation. Plain data. */
export interface SettingsSnapshot {
  /** `starCoach.severity.<alias>` values that the user set (unset ones are omitted). */
  severities: Record<string, unknown>;
  requiredSections?: unknown;
  synonyms?: unknown;
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
  if (settings.synonyms !== undefined && settings.synonyms !== null && Object.keys(settings.synonyms as object).length > 0) raw.synonyms = settings.synonyms;
  const { options, problems } = validateOptions(raw, 'Settings (starCoach)');
  return { options: mergeOptions(rcOptions, options), problems };
}
