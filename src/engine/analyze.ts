import type { Root } from 'mdast';
import { bundledBank } from '../bank/bundled';
import { docsUrl, RULES } from '../rules';
import { isAnswerDraft, isDocumentationName, isExplicitDraft } from '../core/draft';
import { readProse } from '../core/inference/prose';
import { noStarParts, noStarPartsFinding } from '../rules/no-star-parts';
import { frameworkOf, requiredSectionsFor } from '../core/frameworks';
import { vocabularyFor } from '../core/reader/vocabulary';
import { detectEol, LineIndex, parseMarkdown } from '../core/markdown';
import { findMetrics } from '../core/metrics';
import { fixData, shiftEdit } from '../core/lazy-edit';
import { severityOf, type AnalyzeOptions } from './options';
import { readDocument } from '../core/reader';
import { followUpQuestions } from './follow-ups';
import { scoreAnswer } from './score';
import { applySuppressions } from '../core/suppressions';
import { type AnalyzeResult, type Diagnostic, type Point, type Range } from '../core/types';

/**
 * Obsidian's `%% … %%` comments blanked out, line breaks kept, so every offset and line
 * still points into the writer's text: an old Result kept in a comment is not the Result.
 */
function withoutObsidianComments(text: string): string {
  return text.includes('%%') ? text.replace(/%%[\s\S]*?%%/g, (comment) => comment.replace(/[^\r\n]/g, ' ')) : text;
}

/** The shape of a bank question id (kebab-case), as the bank schema requires. */
const QUESTION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Analyzes one markdown document: finds its answers and STAR sections and reports what
 * is missing. Pure: no I/O, no editor API; the same call serves the CLI and the extension.
 */
export function analyze(original: string, options: AnalyzeOptions = {}): AnalyzeResult {
  // The parser drops a leading byte-order mark from its positions: analyze without it, then
  // point back into the text as given.
  if (original.charCodeAt(0) === 0xfeff) return shifted(analyze(original.slice(1), options), 1);
  // A lone CR ends a line as LF does; as LF (same length) every offset stays the writer's.
  const eol = detectEol(original);
  const text = withoutObsidianComments(eol === '\r' || original.includes('\r') ? original.replace(/\r(?!\n)/g, '\n') : original);
  const tree = parseMarkdown(text);
  const lines = new LineIndex(text);
  const structure = readDocument(tree, lines, vocabularyFor(options.synonyms, frameworkOf(options).labels));
  // Answers told as prose, without labels (or labelled only from a later part on): inferred.
  const named = isExplicitDraft(options.fileName, structure);
  // In an explicit draft a template or skeleton is an answer not yet written; elsewhere, a guide.
  const explicit = options.forceDraft === true || named;
  const labelled = explicit && structure.draftOnly.length > 0 ? [...structure.answers, ...structure.draftOnly] : structure.answers;
  const prose = isDocumentationName(options.fileName) && options.forceDraft !== true ? null : readProse(tree, lines, { answers: labelled, notes: explicit ? [] : structure.draftOnly }, named);
  const isDraft = options.forceDraft ?? (isAnswerDraft(options.fileName, structure) || (prose !== null && prose.answers.length > 0));
  if (!isDraft) return { isDraft, answers: [], diagnostics: [] };

  const answers = prose && prose.answers.length > 0 ? [...labelled, ...prose.answers] : labelled;
  if (answers !== structure.answers) answers.sort((a, b) => a.range.start.offset - b.range.start.offset);
  for (const answer of answers) {
    answer.metrics = findMetrics(answer.sections.filter((s) => s.kinds.includes('result') && !s.empty).map((s) => s.text).join('\n'));
  }
  // A note app's `title:` names a draft whose first answer has no heading of its own, whether
  // the reader, the explicit draft's skeletons or inference found that answer.
  if (structure.frontMatterTitle && answers.length > 0) answers[0].title ??= structure.frontMatterTitle;
  const linked = structure.frontMatterQuestion;
  if (answers.length > 0 && linked) {
    // `question: sre-worst-night-on-call` links a bank question by id; anything else is
    // the question written out, which titles an untitled answer (and links by its text).
    if (QUESTION_ID.test(linked)) answers[0].questionId = linked;
    else answers[0].title ??= linked;
  }

  // The tree for fixes worked out later (core/lazy-edit), until a cache that keeps the result lets it go.
  const handle: { tree: Root | undefined } = { tree };
  const laterTree = (): Root | undefined => handle.tree;
  const requiredSections = requiredSectionsFor(options);
  const questions = options.questions ?? bundledBank();
  const wordsPerMinute = options.wordsPerMinute ?? 150;
  const diagnostics: Diagnostic[] = [];
  for (const rule of RULES) {
    const severity = severityOf(options, rule.alias);
    if (severity === 'off') continue;
    answers.forEach((answer, answerIndex) => {
      for (const finding of rule.check({ text, lines, eol, answer, answerIndex, requiredSections, questions, wordsPerMinute, tree, laterTree })) {
        diagnostics.push({
          ruleId: rule.id,
          alias: rule.alias,
          severity,
          message: finding.message,
          range: finding.range,
          url: docsUrl(rule.alias),
          data: fixData({ answerIndex, sections: finding.sections, style: finding.style ?? null }, finding.edit),
        });
      }
    });
  }

  // A draft by name or front matter where an interview question, or a draft with no heading at
  // all, holds nothing that reads as a STAR part says so.
  const unread = prose?.unreadable.filter((u) => u.question || answers.length === 0) ?? [];
  const noPartsSeverity = severityOf(options, noStarParts.alias);
  if (named && noPartsSeverity !== 'off') {
    for (const { range } of unread) {
      const finding = noStarPartsFinding(range);
      // No answer holds it: its index is where an answer read there would go (the answers above
      // it), so it stays right when results of blocks are merged.
      const answerIndex = answers.filter((a) => a.range.start.offset < range.start.offset).length;
      diagnostics.push({ ruleId: noStarParts.id, alias: noStarParts.alias, severity: noPartsSeverity, message: finding.message, range: finding.range, url: docsUrl(noStarParts.alias), data: { answerIndex, sections: [], edit: null, style: null } });
    }
  }

  for (const answer of answers) {
    answer.score = scoreAnswer(text, answer, { questions, wordsPerMinute, lines });
    answer.followUps = followUpQuestions(text, answer, questions);
  }

  const nextContentLine = (line: number): number => {
    while (line < lines.lineCount && text.slice(lines.lineStart(line), lines.lineEnd(line)).trim() === '') line++;
    return line;
  };
  const kept = applySuppressions(diagnostics, structure.comments, nextContentLine);
  kept.sort((a, b) => a.range.start.offset - b.range.start.offset || a.ruleId.localeCompare(b.ruleId));
  const result = { isDraft, answers, diagnostics: kept };
  treeHandles.set(result, handle);
  return result;
}

const treeHandles = new WeakMap<AnalyzeResult, { tree: Root | undefined }>();

/**
 * Lets go of the markdown tree that `result`'s fixes not yet worked out would use: a cache that
 * keeps results (the incremental engine's blocks) would otherwise keep every block's tree, about
 * ten times its text. Those fixes are then worked out from the text alone: the same edits, with
 * the few lines around each parsed again.
 */
export function releaseTree(result: AnalyzeResult): AnalyzeResult {
  const handle = treeHandles.get(result);
  if (handle) handle.tree = undefined;
  return result;
}

/** A result with every offset moved by `by` characters, and columns on line 1 with them. */
function shifted(result: AnalyzeResult, by: number): AnalyzeResult {
  // A fix edit not yet worked out reads the answers' ranges (core/lazy-edit): work it out before they move.
  for (const diagnostic of result.diagnostics) void diagnostic.data.edit;
  const seen = new Set<Point>();
  const point = (p: Point): void => {
    if (seen.has(p)) return;
    seen.add(p);
    p.offset += by;
    if (p.line === 1) p.column += by;
  };
  const range = (r: Range | null): void => {
    if (!r) return;
    point(r.start);
    point(r.end);
  };
  for (const answer of result.answers) {
    range(answer.range);
    range(answer.titleRange);
    for (const section of answer.sections) {
      range(section.range);
      range(section.labelRange);
    }
  }
  for (const diagnostic of result.diagnostics) {
    range(diagnostic.range);
    shiftEdit(diagnostic.data, by);
  }
  return result;
}
