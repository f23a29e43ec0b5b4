import { validateTargets, type TargetsOption } from '../bank/targets';
import type { QuestionLookup } from '../bank/types';
import { findRule, RULES } from '../rules';
import { FRAMEWORK_NAMES, type FrameworkName } from '../core/frameworks';
import type { Synonyms } from '../core/reader/vocabulary';
import { SECTION_KINDS, type SectionKind, type SeveritySetting } from '../core/types';

/**
 * The settings STAR Coach understands. The CLI fills them from `.starcoachrc.json`,
 * the extension from VS Code settings; both go through `validateOptions`.
 */
export interface StarCoachOptions {
  /** Severity per rule, keyed by alias or code. */
  rules?: Record<string, SeveritySetting>;
  /** Sections every answer must have; missing ones are reported. Defaults to all five. */
  requiredSections?: SectionKind[];
  /** Extra label words per section, on top of the built-in ones. */
  synonyms?: Synonyms;
  /** The answer framework: STAR (default), STARR, STAR-L, CAR, PAR or SOAR. Sets the required parts and how labels map. */
  framework?: FrameworkName;
  /** The competencies or values the story bank report measures coverage of: a preset name or the writer's own list. */
  targets?: TargetsOption;
}

export interface AnalyzeOptions extends StarCoachOptions {
  /** File name or path, used for draft detection (`*.star.md`, README). */
  fileName?: string;
  /** True to treat the document as a draft whatever it contains (an include glob matched). */
  forceDraft?: boolean;
  /**
   * The question bank that answers link to (key-points coverage). Defaults to the bundled
   * bank; the extension passes the bundled bank merged with custom banks.
   */
  questions?: QuestionLookup;
  /** Speaking rate for spoken length (answer-length rule, score); 150 by default. */
  wordsPerMinute?: number;
}

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'information', 'warning', 'error'];
const OPTION_KEYS = ['$schema', 'rules', 'requiredSections', 'synonyms', 'framework', 'targets'];

/** The severity in force for a rule, by alias or code, falling back to its default. */
export function severityOf(options: StarCoachOptions, alias: string): SeveritySetting {
  const rule = findRule(alias);
  if (!rule) return 'off';
  return options.rules?.[rule.alias] ?? options.rules?.[rule.id] ?? rule.defaultSeverity;
}

export interface ValidationResult {
  options: StarCoachOptions;
  /** One message per problem, each naming the source and the key. */
  problems: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks raw configuration (parsed JSON or settings) and keeps what is valid, so one
 * bad key does not throw away the rest. `source` names the file or settings scope.
 */
export function validateOptions(raw: unknown, source: string): ValidationResult {
  const problems: string[] = [];
  const options: StarCoachOptions = {};
  if (raw === undefined || raw === null) return { options, problems };
  if (!isRecord(raw)) return { options, problems: [`${source}: expected an object with "rules", "requiredSections" or "synonyms"`] };

  for (const key of Object.keys(raw)) {
    if (!OPTION_KEYS.includes(key)) problems.push(`${source}: ${key}: unknown setting; expected one of rules, requiredSections, synonyms, framework, targets`);
  }

  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) problems.push(`${source}: rules: expected an object such as { "missing-reflection": "off" }`);
    else {
      options.rules = {};
      for (const [name, value] of Object.entries(raw.rules)) {
        const rule = findRule(name);
        if (!rule) {
          problems.push(`${source}: rules.${name}: unknown rule; known rules are ${RULES.map((r) => r.alias).join(', ')}`);
        } else if (typeof value !== 'string' || !SEVERITY_SETTINGS.includes(value as SeveritySetting)) {
          problems.push(`${source}: rules.${name}: ${JSON.stringify(value)} is not a severity; use ${SEVERITY_SETTINGS.join(', ')}`);
        } else {
          options.rules[rule.alias] = value as SeveritySetting;
        }
      }
    }
  }

  if (raw.requiredSections !== undefined) {
    const value = raw.requiredSections;
    if (!Array.isArray(value)) problems.push(`${source}: requiredSections: expected a list such as ["situation", "task", "action", "result"]`);
    else {
      const kinds = value.filter((kind): kind is SectionKind => SECTION_KINDS.includes(kind as SectionKind));
      for (const kind of value) {
        if (!kinds.includes(kind)) problems.push(`${source}: requiredSections: ${JSON.stringify(kind)} is not a section; use ${SECTION_KINDS.join(', ')}`);
      }
      options.requiredSections = kinds;
    }
  }

  if (raw.synonyms !== undefined) {
    if (!isRecord(raw.synonyms)) problems.push(`${source}: synonyms: expected an object such as { "result": ["Payoff"] }`);
    else {
      options.synonyms = {};
      for (const [kind, words] of Object.entries(raw.synonyms)) {
        if (!SECTION_KINDS.includes(kind as SectionKind)) {
          problems.push(`${source}: synonyms.${kind}: not a section; use ${SECTION_KINDS.join(', ')}`);
        } else if (!Array.isArray(words) || !words.every((word) => typeof word === 'string' && word.trim() !== '')) {
          problems.push(`${source}: synonyms.${kind}: expected a list of label words`);
        } else {
          options.synonyms[kind as SectionKind] = words;
        }
      }
    }
  }
  if (raw.framework !== undefined) {
    if (typeof raw.framework === 'string' && FRAMEWORK_NAMES.includes(raw.framework.toLowerCase() as FrameworkName)) {
      options.framework = raw.framework.toLowerCase() as FrameworkName;
    } else {
      problems.push(`${source}: framework: ${JSON.stringify(raw.framework)} is not a framework; use ${FRAMEWORK_NAMES.join(', ')}`);
    }
  }
  if (raw.targets !== undefined) {
    const checked = validateTargets(raw.targets, source);
    if (checked.targets !== undefined) options.targets = checked.targets;
    problems.push(...checked.problems);
  }
  return { options, problems };
}

/** Layers options: later layers win per rule; synonyms add up; required sections are replaced. */
export function mergeOptions(...layers: StarCoachOptions[]): StarCoachOptions {
  const merged: StarCoachOptions = {};
  for (const layer of layers) {
    if (layer.rules) merged.rules = { ...merged.rules, ...layer.rules };
    if (layer.requiredSections) merged.requiredSections = layer.requiredSections;
    if (layer.framework) merged.framework = layer.framework;
    if (layer.targets) merged.targets = layer.targets;
    if (layer.synonyms) {
      const synonyms: Synonyms = { ...merged.synonyms };
      for (const kind of SECTION_KINDS) {
        const words = layer.synonyms[kind];
        if (words) synonyms[kind] = [...(synonyms[kind] ?? []), ...words];
      }
      merged.synonyms = synonyms;
    }
  }
  return merged;
}
