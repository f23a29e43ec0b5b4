/**
 * How far along an answer is: for each STAR part, whether it is written, only labelled,
 * or missing (and whether that matters under the options in force). Every view of an
 * answer (CodeLens, status bar, Outline, hover) and the CLI summary read this, so they
 * cannot disagree with each other or with the Problems panel.
 */
import { missingByAnswer } from '../core/fix-all';
import { requiredSectionsFor } from '../core/frameworks';
import { isPrompt } from '../core/placeholders';
import { severityOf, type StarCoachOptions } from './options';
import { SECTION_KINDS, type AnalyzeResult, type Answer, type Section, type SectionKind } from '../core/types';

/**
 * The state of one part.
 * - `written`: a section holds the writer's own words.
 * - `empty`: the label is there with nothing under it, a placeholder (`TODO`) or only one of
 *   STAR Coach's prompts.
 * - `missing-required`: no section, and the options in force want one.
 * - `missing-optional`: no section, and none is asked for.
 *
 * A later reader that infers parts from unlabelled prose will add `inferred`; views
 * should treat an unknown state as not written.
 */
export type PartState = 'written' | 'empty' | 'missing-required' | 'missing-optional';

/** One STAR part of an answer. */
export interface PartReadiness {
  kind: SectionKind;
  state: PartState;
  /** True when the options in force ask every answer for this part. */
  required: boolean;
  /** The section that holds the part (the first written one, else the first), or null when missing. */
  section: Section | null;
  /** True when the part's only content is the prompt STAR Coach inserted (snippets, New Draft, quick fixes). */
  prompt: boolean;
  /** Content words of the part's sections. */
  words: number;
}

/** An answer's parts and how many of the required ones are written. */
export interface Readiness {
  /** All five parts, in canonical order. */
  parts: PartReadiness[];
  /** Required parts that are written. */
  requiredWritten: number;
  /** Parts the options in force require of this answer. */
  requiredTotal: number;
  /** Every required part is written. */
  ready: boolean;
  /** Parts that are written, required or not. */
  written: SectionKind[];
  /** Parts with a label but nothing written under it, required or not. */
  empty: SectionKind[];
  missingRequired: SectionKind[];
  missingOptional: SectionKind[];
}

/** The options readiness depends on: which parts are required, and which missing-part rules are off. */
export type ReadinessOptions = Pick<StarCoachOptions, 'requiredSections' | 'rules' | 'framework'>;

/** The missing-part rule of each section, by alias. */
const MISSING_RULE: Readonly<Record<SectionKind, string>> = {
  situation: 'missing-situation',
  task: 'missing-task',
  action: 'missing-action',
  result: 'missing-result',
  reflection: 'missing-reflection',
};

/**
 * The parts every answer must have under these options: `requiredSections` (all five by
 * default), less any whose missing-part rule is turned off, since nothing would report it.
 */
export function requiredParts(options: ReadinessOptions = {}): SectionKind[] {
  const listed = requiredSectionsFor(options);
  return SECTION_KINDS.filter((kind) => listed.includes(kind) && severityOf(options, MISSING_RULE[kind]) !== 'off');
}

/** True when a section holds only one of the prompts STAR Coach inserts, untouched. */
export function isPromptOnly(section: Section): boolean {
  return section.empty && section.text !== '' && isPrompt(section.text);
}

/**
 * The readiness of one answer. `silenced` lists required parts whose missing-part finding
 * a `star-coach-disable` comment silenced for this answer: the writer opted out, so they
 * count as optional here. `documentReadiness` works it out from an analysis.
 */
export function answerReadiness(answer: Answer, options: ReadinessOptions = {}, silenced: readonly SectionKind[] = []): Readiness {
  const required = requiredParts(options);
  const parts = SECTION_KINDS.map((kind): PartReadiness => {
    const sections = answer.sections.filter((section) => section.kinds.includes(kind));
    const writtenSection = sections.find((section) => !section.empty);
    const section = writtenSection ?? sections[0] ?? null;
    const isRequired = required.includes(kind) && (section !== null || !silenced.includes(kind));
    const state: PartState = writtenSection ? 'written' : section ? 'empty' : isRequired ? 'missing-required' : 'missing-optional';
    return {
      kind,
      state,
      required: isRequired,
      section,
      prompt: state === 'empty' && sections.some(isPromptOnly),
      words: sections.reduce((sum, s) => sum + s.words, 0),
    };
  });
  const of = (state: PartState): SectionKind[] => parts.filter((part) => part.state === state).map((part) => part.kind);
  const requiredTotal = parts.filter((part) => part.required).length;
  const requiredWritten = parts.filter((part) => part.required && part.state === 'written').length;
  return {
    parts,
    requiredWritten,
    requiredTotal,
    ready: requiredWritten === requiredTotal,
    written: of('written'),
    empty: of('empty'),
    missingRequired: of('missing-required'),
    missingOptional: of('missing-optional'),
  };
}

/**
 * The readiness of every answer of an analysis, under the options it was made with. A
 * required part counts as missing only when its finding was reported, so a part whose
 * finding a comment silenced is optional for that answer, as it is for "Insert missing
 * sections".
 */
export function documentReadiness(result: AnalyzeResult, options: ReadinessOptions = {}): Readiness[] {
  const reported = missingByAnswer(result);
  const required = requiredParts(options);
  return result.answers.map((answer, index) => {
    const missing = reported.get(index) ?? [];
    const silenced = required.filter((kind) => !missing.includes(kind));
    return answerReadiness(answer, options, silenced);
  });
}
