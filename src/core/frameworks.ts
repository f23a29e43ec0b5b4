import data from './frameworks.json';
import { SECTION_KINDS, type SectionKind } from './types';

/** The answer frameworks STAR Coach reads, by option value. */
export type FrameworkName = 'star' | 'starr' | 'star-l' | 'car' | 'par' | 'soar';

export interface Framework {
  title: string;
  /** The parts in the framework's own words, for docs and messages. */
  parts: string;
  required: SectionKind[];
  /** Label words with a meaning of their own in this framework. */
  labels: Record<string, SectionKind[]>;
}

const { $comment: _comment, ...table } = data;
export const FRAMEWORKS = table as unknown as Readonly<Record<FrameworkName, Framework>>;
export const FRAMEWORK_NAMES = Object.keys(FRAMEWORKS) as FrameworkName[];

/** The framework in force; STAR when none is set. */
export function frameworkOf(options: { framework?: FrameworkName }): Framework {
  return FRAMEWORKS[options.framework ?? 'star'];
}

/** The parts every answer must have: `requiredSections` when set, else the framework's. */
export function requiredSectionsFor(options: { framework?: FrameworkName; requiredSections?: SectionKind[] }): readonly SectionKind[] {
  return options.requiredSections ?? frameworkOf(options).required ?? SECTION_KINDS;
}
