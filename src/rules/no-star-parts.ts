import type { Range } from '../core/types';
import type { Finding, Rule } from './rule';

/**
 * STAR016: an explicit draft (`*.star.md`, front matter `question:`) in which STAR Coach
 * found no STAR part at all, neither labelled nor read from prose (a single sentence, a
 * list of notes). It speaks about the document, not an answer, so `analyze()` calls
 * `noStarPartsFinding` once per document; the per-answer check has nothing to add.
 */
export const noStarParts: Rule = {
  id: 'STAR016',
  alias: 'no-star-parts',
  description: 'A draft in which STAR Coach found no STAR parts, labelled or in its sentences.',
  defaultSeverity: 'information',
  check() {
    return [];
  },
};

/** The one finding for a draft with no STAR parts, on the prose that could not be read. */
export function noStarPartsFinding(range: Range): Finding {
  return {
    message:
      'STAR Coach found no STAR parts in this draft: no labels, and the sentences do not read as a story yet. ' +
      'Label the parts, for example **Situation:**, **Task:**, **Action:**, **Result:** and **Reflection:** at the start of their paragraphs, or tell the story in a few full sentences.',
    range,
    sections: [],
    edit: null,
  };
}
