/** Identifiers shared by package.json, the glue and the tests. Keep them in one place. */

export const EXTENSION_ID = 'star-coach.star-coach';
export const DIAGNOSTIC_SOURCE = 'STAR Coach';
/**
 * URI schemes of documents a writer edits: files on disk, unsaved drafts, files of a remote
 * window and of a virtual workspace (e.g. a GitHub repository opened without cloning).
 * Everything else is a view of some other document and gets no findings: `git:` quick-diff
 * and timeline copies, SCM input boxes, output channels, merge editor inputs, notebook
 * cells, chat code blocks, Live Share guest copies (the host reports those).
 */
export const ANALYZED_SCHEMES: readonly string[] = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];
export const MARKDOWN_SELECTOR = ANALYZED_SCHEMES.map((scheme) => ({ language: 'markdown', scheme }));

export const COMMANDS = {
  newDraft: 'starCoach.newDraft',
  insertMissingSections: 'starCoach.insertMissingSections',
  checkWorkspace: 'starCoach.checkWorkspace',
  showRuleDocs: 'starCoach.showRuleDocs',
  toggle: 'starCoach.toggle',
  /** Internal: run by the "Treat 'X' as <part>" quick fix. */
  addSynonym: 'starCoach.addSynonym',
  /** Internal: run by the "Disable" code actions' edits and by CodeLens clicks. */
  insertMissingSectionsForAnswer: 'starCoach.insertMissingSectionsForAnswer',
  bankNewDraft: 'starCoach.bank.newDraft',
  bankInsertQuestion: 'starCoach.bank.insertQuestion',
  bankCopyQuestion: 'starCoach.bank.copyQuestion',
  bankFilter: 'starCoach.bank.filter',
  bankClearFilter: 'starCoach.bank.clearFilter',
  bankRandomQuestion: 'starCoach.bank.randomQuestion',
  bankRefresh: 'starCoach.bank.refresh',
  storyBankRefresh: 'starCoach.storyBank.refresh',
  storyBankOpenReport: 'starCoach.storyBank.openReport',
  storyBankPractice: 'starCoach.storyBank.practice',
  storyBankPracticeRandom: 'starCoach.storyBank.practiceRandom',
  /** Internal: opens a story at its line (tree clicks, report links). */
  storyBankOpenStory: 'starCoach.storyBank.openStory',
} as const;

export const VIEWS = {
  container: 'starCoach',
  questionBank: 'starCoach.questionBank',
  storyBank: 'starCoach.storyBank',
} as const;

/** `contextValue`s of Question Bank tree items, matched by `viewItem == …` in package.json menus. */
export const TREE_ITEMS = {
  category: 'category',
  question: 'question',
  /** A story (one answer) in the Story Bank view. */
  story: 'story',
  /** A line under a story: its question, what it covers. */
  storyDetail: 'storyDetail',
} as const;

/** Context keys used in `when` clauses. */
export const CONTEXT_KEYS = {
  bankFiltered: 'starCoach.bankFiltered',
  bankFilterEmpty: 'starCoach.bankFilterEmpty',
} as const;

export const SETTINGS = {
  section: 'starCoach',
  enable: 'enable',
  include: 'files.include',
  exclude: 'files.exclude',
  severityPrefix: 'severity',
  requiredSections: 'requiredSections',
  framework: 'framework',
  synonyms: 'synonyms',
  debounceMs: 'debounceMs',
  hideWhileTyping: 'hideWhileTyping',
  codeLens: 'codeLens.enabled',
  wordsPerMinute: 'wordsPerMinute',
  questionBanks: 'questionBanks',
  storyBankTargets: 'storyBank.targets',
} as const;

export const FIX_ALL_KIND_SUFFIX = 'starCoach';

/** Why "Insert Missing Sections" (and its quick fix) inserted nothing where parts are missing (see fix-check). */
export const INSERT_DECLINED = 'STAR Coach did not insert the missing sections: in this draft the new labels would change how another part reads. Add them by hand, in the style of the other labels.';
