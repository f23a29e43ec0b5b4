/** The story bank report: the builder over analysis results and its renderings. No editor API. */
export { buildStoryBank, coverageMatrix, likelyNotes, likelyQuestion, matchTargets, prepareStories, storyOf, STORY_BANK_THRESHOLDS, takeLikelyNotes, type LikelyNote, type MatrixRow, type RowStatus, type Story, type StoryBankOptions, type StoryBankQuestions, type StoryBankReport, type StoryInput, type StoryQuestion } from './build';
export { practiceBody, practiceFromQuestion, practiceFromStory, PRIVACY_NOTE, type PracticeContent } from './practice';
export { StoryIndex } from './story-index';
export { escapeHtml, formatAverage, reportHtmlBody, reportHtmlPage, reportMarkdown, storyLabels, summaryLine, type StoryLink } from './render';
