/**
 * Messages for answers whose parts were inferred: they say what the answer *reads as*, since
 * there is no label to point at ("No Result: the last sentences read as Action.").
 */
import { SECTION_KINDS, SECTION_TITLES, type Answer, type SectionKind } from '../types';

/** What to write instead, by missing part. */
const ADVICE: Record<SectionKind, string> = {
  situation: 'Open with where and when this happened.',
  task: 'Say what you had to achieve, and why it was yours.',
  action: 'Tell the steps you took yourself, with "I".',
  result: 'Close with what changed, in numbers.',
  reflection: 'Close with what you learned or would do differently.',
};

/** True when some part of the answer was inferred from prose rather than labelled. */
export function hasInferredParts(answer: Answer): boolean {
  return answer.sections.some((section) => section.inferred === true);
}

/**
 * The "reads as" message for a part missing from an answer with inferred parts, or null for
 * an answer whose parts are all labelled (the rule's own wording applies).
 */
export function readsAsMessage(answer: Answer, kind: SectionKind): string | null {
  if (!hasInferredParts(answer) || answer.sections.length === 0) return null;
  const order = SECTION_KINDS.indexOf(kind);
  const before = [...answer.sections].reverse().find((s) => SECTION_KINDS.indexOf(s.kind) < order);
  const after = answer.sections.find((s) => SECTION_KINDS.indexOf(s.kind) > order);
  const title = SECTION_TITLES[kind];
  let where: string;
  if (!after && before) where = `the last sentences read as ${SECTION_TITLES[before.kind]}`;
  else if (!before && after) where = `the first sentences read as ${SECTION_TITLES[after.kind]}`;
  else if (before && after) where = `nothing between the ${SECTION_TITLES[before.kind]} and the ${SECTION_TITLES[after.kind]} reads as one`;
  else where = 'no sentence reads as one';
  return `No ${title}: ${where}. ${ADVICE[kind]}`;
}
