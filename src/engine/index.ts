/**
 * The STAR Coach engine: analyze() reads a draft with the core, runs the rules over its answers,
 * scores them against the bank, and applies suppressions. No editor API: the CLI, the extension
 * and the tests all call it. It re-exports the core, so one import serves its callers.
 */
export * from '../core';
export { analyze } from './analyze';
export { answerReadiness, documentReadiness, isPromptOnly, requiredParts, type PartReadiness, type PartState, type Readiness, type ReadinessOptions } from './readiness';
export { explainScore, scoreAnswer, SCORE_TABLE, type DimensionScore, type Evidence, type ScoreExplanation } from './score';
export { followUpQuestions, type FollowUp } from './follow-ups';
export { mergeOptions, severityOf, SEVERITY_SETTINGS, validateOptions, type AnalyzeOptions, type StarCoachOptions } from './options';
