import type { DocumentStructure } from './reader';
import type { SectionKind } from './types';
import { toldInFirstPerson } from './reader/story';

/** File names that are documentation, never answer drafts, unless forced in. */
const DOCUMENTATION_NAMES = /(?:^|[\\/])(?:readme|changelog|changes|history|contributing|code_of_conduct|security|license|licence|notice|authors|support)(?:\.[\w-]+)?\.(?:md|markdown)$/i;
const DRAFT_NAME = /\.star\.(?:md|markdown)$/i;

/** A file named like documentation (README, CHANGELOG, …): never a draft unless forced in. */
export function isDocumentationName(fileName: string | undefined): boolean {
  return fileName !== undefined && DOCUMENTATION_NAMES.test(fileName);
}

/** A draft by name (`*.star.md`) or by front matter `question:`: its templates are answers not yet written. */
export function isExplicitDraft(fileName: string | undefined, structure: DocumentStructure): boolean {
  return (fileName !== undefined && DRAFT_NAME.test(fileName)) || structure.frontMatterQuestion !== null;
}

/**
 * Decides whether a markdown document is an answer draft. Only drafts get answers and
 * diagnostics, so that READMEs and notes that merely mention "situation" stay quiet.
 */
export function isAnswerDraft(fileName: string | undefined, structure: DocumentStructure): boolean {
  if (isExplicitDraft(fileName, structure)) return true;
  if (fileName && DOCUMENTATION_NAMES.test(fileName)) return false;
  const kinds = new Set<SectionKind>();
  for (const label of structure.labels) for (const kind of label.kinds) kinds.add(kind);
  if (kinds.size === 0) return false;
  // A story under an interview question ("Tell me about a time…") is enough; a lone label
  // there makes a draft only once inference reads the rest of its story.
  if (structure.answers.length > 0 && structure.labels.some((label) => label.titledByQuestion)) return true;
  if (kinds.size < 2) return false;
  // Design docs use "Background" and "Approach" headings, meeting notes and bug reports
  // "Context:", "Steps:" and "Outcome:"; a story names at least one STAR part by its own
  // word or letter, or labels four parts inline, one of them what the writer did.
  if (kinds.size >= 4 && structure.labels.some((label) => label.canonical)) return true;
  // With two or three parts, recipes ("Steps", "Result"), lab reports ("Objective",
  // "Results"), homework ("Problem", "Solution"), 30-60-90 plans ("Goals", "Actions",
  // "Outcomes"), coding write-ups ("Problem", "Approach", "Result") and project plans
  // ("Tasks:", "Actions:") look the same. A story in progress names two parts by their
  // STAR words or letters, and is told in the first person.
  const canonicalKinds = new Set(structure.labels.filter((label) => label.canonical).flatMap((label) => label.kinds));
  if (canonicalKinds.size >= 2) return toldInFirstPersonAnywhere(structure);
  // Headings alone are a design doc's outline too, unless the writer tells it as "I" or "we".
  return kinds.size >= 4 && kinds.has('action') && (structure.labels.some((label) => !label.heading) || toldInFirstPersonAnywhere(structure));
}

function toldInFirstPersonAnywhere(structure: DocumentStructure): boolean {
  return structure.answers.some((answer) => answer.sections.some((section) => toldInFirstPerson(section.text)));
}
