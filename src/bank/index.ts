/** The question bank: bundled questions, custom bank files, coverage and the view's logic. No editor API. */
export { categoryLabelFromId, checkBankData, customBankFiles, mergeBanks, normalizeQuestionText, parseBankText, QuestionBank, readBankFile, WORKSPACE_BANK_FILE, type BankFile, type BankFileRef } from './bank';
export { BUNDLED_CATEGORIES, BUNDLED_QUESTION_FILES, bundledBank, loadQuestionBank, type LoadedBank } from './bundled';
export { answerText, coversKeyPoint, keyPointCoverage, linkedQuestion, wordStartMatcher } from './coverage';
export { modelAnswerDraft } from './model-answers';
export { compileSchema, formatPath, type JsonPath, type JsonSchema, type SchemaError, type SchemaValidator } from './schema-validator';
export { bankSnippets, skeletonQuestion, snippetPrefix, type CodeSnippet } from './snippets';
export { coachingNotesMarkdown, escapeMarkdown, filterQuestions, filterTerms, formatTargetTime, groupByCategory, pickRandom, type CategoryGroup, type CoachingNotesOptions } from './tree';
export type { BankCategory, BankQuestion, Difficulty, KeyPoint, ModelAnswer, QuestionLookup } from './types';
