/** The STAR Coach engine: no editor API, usable from the CLI, the extension and tests. */
export { analyze } from './analyze';
export { insertSectionsEdits, SECTION_PLACEHOLDERS } from './fixes';
export { applyEdits, insertMissingEdits, missingByAnswer, MISSING_SECTION_RULES } from './fix-all';
export { vocabularyFor, type Synonyms } from './reader/vocabulary';
export { detectEol, LineIndex } from './markdown';
export { findMetrics } from './metrics';
export { answerReadiness, documentReadiness, isPromptOnly, requiredParts, type PartReadiness, type PartState, type Readiness, type ReadinessOptions } from './readiness';
export { disableDirectiveEdit } from './suppressions';
export { draftSkeleton, type SkeletonQuestion } from './skeleton';
export { escapeSnippetText, snippetBody } from './snippet';
export { explainScore, scoreAnswer, SCORE_TABLE, type DimensionScore, type Evidence, type ScoreExplanation } from './score';
export { followUpQuestions, type FollowUp } from './follow-ups';
export { mergeOptions, severityOf, SEVERITY_SETTINGS, validateOptions, type AnalyzeOptions, type StarCoachOptions } from './options';
export * from './types';
