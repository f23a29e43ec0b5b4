import { resultEvidence, type ResultEvidence } from '../core/metrics';
import { ownCopy } from '../core/own-copy';
import { answerText, findPhrase, type AnswerText } from '../core/sentences';
import type { Answer } from '../core/types';
import { offsetRange, quote, type Finding, type Rule } from './rule';

/** A Result's evidence, and the parts (baseline, change, time frame) an interviewer would still ask for. */
export interface ResultCheck {
  evidence: ResultEvidence;
  missing: Array<'baseline' | 'change' | 'time frame'>;
}

// Evidence by Result text: the rule and the score (and an unchanged answer's next analysis) share it.
// Sized for a bank of a few thousand answers, so re-analyzing a large bank does not evict
// every entry before it is read again.
const evidenceCache = new Map<string, ResultEvidence>();
const EVIDENCE_CACHE_SIZE = 4096;

function evidenceOf(text: string): ResultEvidence {
  let evidence = evidenceCache.get(text);
  if (!evidence) {
    // A copy of its own: a slice would keep its whole block alive while the entry lives.
    const own = ownCopy(text);
    evidence = resultEvidence(own);
    evidenceCache.set(own, evidence);
    if (evidenceCache.size > EVIDENCE_CACHE_SIZE) evidenceCache.delete(evidenceCache.keys().next().value!);
  }
  return evidence;
}

/** The written Results of an answer, each with its evidence. */
export function resultChecks(answer: Answer): Array<{ index: number; check: ResultCheck }> {
  return answer.sections.flatMap((section, index) => {
    if (!section.kinds.includes('result') || section.empty) return [];
    const evidence = evidenceOf(section.text);
    const missing: ResultCheck['missing'] = [];
    if (evidence.metrics.length > 0) {
      if (!evidence.baseline) missing.push('baseline');
      if (!evidence.change) missing.push('change');
      if (!evidence.timeFrame) missing.push('time frame');
    }
    return [{ index, check: { evidence, missing } }];
  });
}

const ASK: Record<ResultCheck['missing'][number], string> = {
  baseline: 'what it was before (a baseline)',
  change: 'what changed (from what, to what)',
  'time frame': 'over what time (a time frame)',
};

function list(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

function findingsFor(tree: AnswerText, answer: Answer, index: number, check: ResultCheck, at: (s: number, e: number) => Finding['range']): Finding[] {
  const section = answer.sections[index];
  const sentences = tree.sections[index]?.sentences ?? [];
  const { evidence, missing } = check;
  if (evidence.metrics.length === 0) {
    // Only vague amounts: point at each (a Result with no words of size at all is STAR006's).
    return evidence.vague.slice(0, 3).flatMap((vague) => {
      const place = findPhrase(sentences, vague.text);
      return [
        {
          message:
            `${quote(vague.text.toLowerCase())} says the result was big without saying how big. ` +
            `Give the figure instead: what it was before, what it became and how long that took (for example "support tickets fell from 120 to 45 a week within a month").`,
          range: place ? at(place.start, place.end) : section.labelRange,
          sections: ['result'],
          edit: null,
        },
      ];
    });
  }
  if (missing.length === 0) return [];
  const metric = evidence.metrics[0];
  const place = findPhrase(sentences, metric.text);
  return [
    {
      message:
        `This Result gives ${quote(metric.text)} but not ${list(missing.map((part) => ASK[part]))}. ` +
        `An interviewer will ask; say it in one line: "from X to Y in Z" (for example "p95 latency fell from 1.8 s to 340 ms within two sprints").`,
      range: place ? at(place.start, place.end) : section.labelRange,
      sections: ['result'],
      edit: null,
    },
  ];
}

export const vagueResult: Rule = {
  id: 'STAR013',
  alias: 'vague-result',
  description: 'A Result gives only vague amounts ("significantly", "a lot"), or a figure with no baseline, change or time frame.',
  defaultSeverity: 'information',
  check({ text, lines, answer }) {
    const checks = resultChecks(answer);
    if (checks.length === 0) return [];
    const tree = answerText(text, answer);
    const at = (start: number, end: number) => offsetRange(lines, tree.base + start, tree.base + end);
    return checks.flatMap(({ index, check }) => findingsFor(tree, answer, index, check, at));
  },
};
