/**
 * The coaching score: 0-100 per answer over named dimensions, each earned by evidence in the
 * text (a part written, a figure with its baseline, "I" in the Action) and each lost point
 * tied to the line that lost it. SCORE_TABLE is the one definition; docs/scoring.md shows it
 * (a test keeps them in step). The same text and options always give the same score.
 */
import { answerText as coverageText, keyPointCoverage, linkedQuestion } from '../bank/coverage';
import type { QuestionLookup } from '../bank/types';
import { lengthOf, LENGTH_LIMITS, formatSeconds } from '../rules/answer-length';
import { hedgesOf } from '../rules/hedging';
import { hypotheticalsOf } from '../rules/hypothetical-action';
import { ownershipEvidence } from '../rules/ownership';
import { riskProblems } from '../rules/risk-arithmetic';
import { balanceOf, BALANCE_THRESHOLDS } from '../rules/section-balance';
import { resultChecks } from '../rules/vague-result';
import { LineIndex } from '../core/markdown';
import { answerText, memo } from '../core/sentences';
import { SECTION_TITLES, type Answer, type AnswerScore, type Range, type SectionKind } from '../core/types';

export type DimensionName = 'structure' | 'result' | 'ownership' | 'specificity' | 'balance' | 'reflection' | 'coverage';

/** One row of the scoring table: a dimension, its weight, and what earns its points. */
export interface DimensionDefinition {
  name: DimensionName;
  title: string;
  max: number;
  earns: string;
}

/** The scoring table. docs/scoring.md shows it; a unit test fails when the page differs. */
export const SCORE_TABLE: readonly DimensionDefinition[] = [
  { name: 'structure', title: 'Structure', max: 25, earns: 'Situation, Task, Action and Result each written: a quarter of the points each.' },
  {
    name: 'result',
    title: 'Result and metrics',
    max: 20,
    earns: 'A written Result: 5. A figure in it: 6. Its baseline (what it was before): 3, the change: 3, the time frame: 3. Vague amounts alone ("significantly") earn no figure points.',
  },
  { name: 'ownership', title: 'Ownership', max: 15, earns: 'A written Action that says "I" for your part (not "we" for everything, see STAR009): 10. No passive that hides who acted: 5, less 2 for each.' },
  {
    name: 'specificity',
    title: 'Specificity',
    max: 15,
    earns: 'A written Action told as past behaviour in plain words: 15, less 3 for each "I would" or "I usually" sentence in the Action, 1 for each hedged sentence, 5 for each risk-arithmetic mistake.',
  },
  { name: 'balance', title: 'Balance and length', max: 10, earns: 'Situation and Task at most 35% of the words and the Action at least 35%: 5. Spoken length between 45 seconds and the target (the question\'s, or 2 minutes): 5.' },
  { name: 'reflection', title: 'Reflection', max: 5, earns: 'A Reflection of at least 8 words: 5; a shorter one: 2.' },
  { name: 'coverage', title: 'Key-point coverage', max: 10, earns: 'Answers linked to a bank question only: the share of its key points the answer covers.' },
];

/** Why a dimension earned or lost points, at the line that did it. */
export interface Evidence {
  /** Points earned (positive) or lost (negative) by this piece of evidence. */
  points: number;
  text: string;
  range: Range | null;
}

export interface DimensionScore extends DimensionDefinition {
  points: number;
  evidence: Evidence[];
}

/** An answer's score with the evidence behind every dimension, for the hover. */
export interface ScoreExplanation {
  total: number;
  dimensions: DimensionScore[];
}

export interface ScoreContext {
  questions: QuestionLookup;
  wordsPerMinute?: number;
  /** The analyzed text's line index, when the caller has one. */
  lines?: LineIndex;
}

const MIN_REFLECTION_WORDS = 8;
const STRUCTURE_PARTS: SectionKind[] = ['situation', 'task', 'action', 'result'];

/** The answer's score and the evidence for each point, from the analyzed text. */
export function explainScore(text: string, answer: Answer, context: ScoreContext): ScoreExplanation {
  const lines = context.lines ?? new LineIndex(text);
  const wordsPerMinute = context.wordsPerMinute ?? LENGTH_LIMITS.wordsPerMinute;
  const tree = answerText(text, answer);
  const at = (start: number, end: number): Range => ({ start: lines.pointAt(tree.base + start), end: lines.pointAt(tree.base + end) });
  const written = (kind: SectionKind) => answer.sections.find((s) => s.kinds.includes(kind) && !s.empty) ?? null;
  const labelled = (kind: SectionKind) => answer.sections.find((s) => s.kinds.includes(kind)) ?? null;
  const anchor = answer.titleRange ?? answer.sections[0]?.labelRange ?? null;
  const dims = new Map<DimensionName, Evidence[]>();
  const add = (name: DimensionName, points: number, why: string, range: Range | null): void => {
    dims.set(name, [...(dims.get(name) ?? []), { points, text: why, range }]);
  };

  // Structure: a quarter of the points for each of S, T, A and R written.
  const structureMax = SCORE_TABLE[0].max;
  for (const kind of STRUCTURE_PARTS) {
    const section = written(kind);
    const share = structureMax / STRUCTURE_PARTS.length;
    if (section) add('structure', share, `${SECTION_TITLES[kind]} written`, section.labelRange);
    else add('structure', -share, labelled(kind) ? `${SECTION_TITLES[kind]} has only a prompt or placeholder` : `No ${SECTION_TITLES[kind]}`, labelled(kind)?.labelRange ?? anchor);
  }

  // Result and metrics.
  const result = written('result');
  if (!result) add('result', -20, 'No written Result', labelled('result')?.labelRange ?? anchor);
  else {
    add('result', 5, 'Result written', result.labelRange);
    const checks = resultChecks(answer);
    const metrics = checks.flatMap((c) => c.check.evidence.metrics);
    const vague = checks.flatMap((c) => c.check.evidence.vague);
    if (metrics.length === 0) {
      add('result', -15, vague.length > 0 ? `Only vague amounts ("${vague[0].text}"), no figure` : 'No figure in the Result', result.labelRange);
    } else {
      add('result', 6, `A figure: "${metrics[0].text}"`, result.labelRange);
      const has = (part: 'baseline' | 'change' | 'time frame') => checks.some((c) => c.check.evidence.metrics.length > 0 && !c.check.missing.includes(part));
      for (const part of ['baseline', 'change', 'time frame'] as const) add('result', has(part) ? 3 : -3, has(part) ? `The figure has a ${part}` : `The figure has no ${part}`, result.labelRange);
    }
  }

  // Ownership and specificity need a written Action.
  const action = written('action');
  const hedges = hedgesOf(tree);
  const risks = riskProblems(text, answer);
  if (!action) {
    add('ownership', -15, 'No written Action', labelled('action')?.labelRange ?? anchor);
    add('specificity', -15, 'No written Action', labelled('action')?.labelRange ?? anchor);
  } else {
    const owned = ownershipEvidence(tree);
    if (owned.weHeavy) add('ownership', -10, `"we" ${owned.plural} times, "I" ${owned.singular}`, at(owned.weOnly[0].start, owned.weOnly[0].end));
    else add('ownership', 10, owned.singular > 0 ? `"I" ${owned.singular} times in the Action` : 'The Action does not hide behind "we"', action.labelRange);
    const passivesLost = Math.min(5, 2 * owned.passives.length);
    if (owned.passives.length === 0) add('ownership', 5, 'No passive hides who acted', action.labelRange);
    else {
      owned.passives.slice(0, 3).forEach((p, i) => add('ownership', i < 2 ? -2 : -1, `"${text.slice(tree.base + p.start, tree.base + p.end)}": who did it?`, at(p.start, p.end)));
      if (passivesLost < 5) add('ownership', 5 - passivesLost, 'Otherwise the actor is named', action.labelRange);
    }

    let specificity = 15;
    const lose = (points: number, why: string, range: Range | null): void => {
      const lost = Math.min(points, specificity);
      if (lost <= 0) return;
      specificity -= lost;
      add('specificity', -lost, why, range);
    };
    for (const h of hypotheticalsOf(tree)) lose(3, `"${text.slice(tree.base + h.start, tree.base + h.end)} …" is not one past event`, at(h.start, h.end));
    const hedgedSentences = [...new Map(hedges.map((h) => [h.sentence, h])).values()];
    for (const h of hedgedSentences) lose(1, `Hedge "${text.slice(tree.base + h.start, tree.base + h.end)}"`, at(h.start, h.end));
    for (const r of risks) lose(5, 'A risk figure that does not add up', { start: lines.pointAt(r.start), end: lines.pointAt(r.end) });
    if (specificity > 0) add('specificity', specificity, specificity === 15 ? 'Past behaviour, no hedges' : 'The rest is plain past behaviour', action.labelRange);
  }

  // Balance and length.
  const balance = balanceOf(answer);
  if (!action) add('balance', -5, 'No written Action to balance', anchor);
  else if (balance?.setupHeavy) add('balance', -5, `Situation and Task take ${Math.round(balance.setupShare * 100)}% of the words (at most ${BALANCE_THRESHOLDS.setupMaxShare * 100}%)`, balance.setupSection?.labelRange ?? anchor);
  else if (balance?.actionThin) add('balance', -5, `The Action is ${Math.round(balance.actionShare * 100)}% of the words (at least ${BALANCE_THRESHOLDS.actionMinShare * 100}%)`, action.labelRange);
  else add('balance', 5, balance ? `Action ${Math.round(balance.actionShare * 100)}% of the words` : 'Too short to be out of balance', action.labelRange);
  const length = lengthOf(answer, context.questions, wordsPerMinute);
  const spoken = `about ${formatSeconds(length.seconds)} spoken`;
  if (length.seconds > length.target) add('balance', -5, `${spoken}, over the ${formatSeconds(length.target)} target`, anchor);
  else if (length.seconds < LENGTH_LIMITS.minSeconds) add('balance', -5, `${spoken}, under ${LENGTH_LIMITS.minSeconds} s`, anchor);
  else add('balance', 5, `${spoken}, within ${formatSeconds(length.target)}`, anchor);

  // Reflection.
  const reflection = written('reflection');
  if (!reflection) add('reflection', -5, labelled('reflection') ? 'Reflection has only a prompt' : 'No Reflection: what you learned or would do differently', labelled('reflection')?.labelRange ?? anchor);
  else if (reflection.words < MIN_REFLECTION_WORDS) (add('reflection', 2, 'A short Reflection', reflection.labelRange), add('reflection', -3, `Under ${MIN_REFLECTION_WORDS} words`, reflection.labelRange));
  else add('reflection', 5, 'Reflection written', reflection.labelRange);

  // Key-point coverage, for answers linked to a bank question.
  const question = linkedQuestion(answer, context.questions);
  if (question && question.keyPoints.length > 0) {
    const covered = keyPointCoverage(question, coverageText(answer));
    const each = SCORE_TABLE[6].max / covered.length;
    for (const { point, covered: yes } of covered) add('coverage', yes ? each : -each, `${yes ? 'Covers' : 'Does not cover'} "${point.title}"`, anchor);
  }

  const dimensions: DimensionScore[] = [];
  for (const definition of SCORE_TABLE) {
    const evidence = dims.get(definition.name);
    if (!evidence) continue;
    const earned = evidence.filter((e) => e.points > 0).reduce((sum, e) => sum + e.points, 0);
    dimensions.push({ ...definition, points: Math.round(Math.max(0, Math.min(definition.max, earned))), evidence });
  }
  const max = dimensions.reduce((sum, d) => sum + d.max, 0);
  const points = dimensions.reduce((sum, d) => sum + d.points, 0);
  return { total: max === 0 ? 0 : Math.round((100 * points) / max), dimensions };
}

/**
 * The score as analyze() and the CLI's JSON report it: the total and each dimension's points.
 * It depends only on the answer's text and sections (its sentence tree), its link to a bank
 * question and the speaking rate, so it is kept with the tree: re-analyzing an unchanged
 * answer (the editor does on every pause) does not score it again.
 */
export function scoreAnswer(text: string, answer: Answer, context: ScoreContext): AnswerScore {
  const wordsPerMinute = context.wordsPerMinute ?? LENGTH_LIMITS.wordsPerMinute;
  const link = `score\u0000${wordsPerMinute}\u0000${answer.questionId ?? ''}\u0000${answer.title ?? ''}`;
  const byBank = memo(answerText(text, answer), link, () => new WeakMap<QuestionLookup, AnswerScore>());
  let score = byBank.get(context.questions);
  if (!score) {
    const explained = explainScore(text, answer, context);
    score = { total: explained.total, dimensions: Object.fromEntries(explained.dimensions.map((d) => [d.name, { points: d.points, max: d.max }])) };
    byBank.set(context.questions, score);
  }
  // A copy, so a caller that changes its result cannot change the next one.
  const dimensions: AnswerScore['dimensions'] = {};
  for (const [name, d] of Object.entries(score.dimensions)) dimensions[name] = { ...d };
  return { total: score.total, dimensions };
}

/** SCORE_TABLE as the markdown table docs/scoring.md shows (a unit test compares them). */
export function scoreTableMarkdown(): string {
  const rows = SCORE_TABLE.map((d) => `| \`${d.name}\` | ${d.title} | ${d.max} | ${d.earns} |`);
  return ['| dimension | name | points | what earns them |', '|---|---|---|---|', ...rows].join('\n');
}
