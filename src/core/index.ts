/**
 * The core: reads markdown into answers and STAR parts (reader/, inference/), finds metrics,
 * and makes and checks fixes. No editor API, and nothing from the layers above it (rules, bank,
 * engine): the engine (src/engine) runs the rules over what the core reads.
 */
export { insertSectionsEdits, SECTION_PLACEHOLDERS } from './fixes';
export { applyEdits, insertMissingEdits, missingByAnswer, MISSING_SECTION_RULES } from './fix-all';
export { vocabularyFor, type Synonyms } from './reader/vocabulary';
export { detectEol, LineIndex } from './markdown';
export { findMetrics } from './metrics';
export { disableDirectiveEdit } from './suppressions';
export { draftSkeleton, type SkeletonQuestion } from './skeleton';
export { escapeSnippetText, snippetBody } from './snippet';
export * from './types';
