import * as vscode from 'vscode';
import { missingByAnswer, MISSING_SECTION_RULES } from '../core/fix-all';
import { checkedInsertMissingEdits, disablePromise, editsKeepPromise, fixPromise, type FixPromise, type Reanalyze } from '../core/fix-check';
import { labelPartsEdits } from '../core/label-parts';
import { detectEol, LineIndex } from '../core/markdown';
import { disableDirectiveEdit } from '../core/suppressions';
import { SECTION_TITLES, type AnalyzeResult, type Diagnostic as CoreDiagnostic, type TextEdit } from '../core/types';
import type { AnalysisService } from './analysis';
import { COMMANDS, FIX_ALL_KIND_SUFFIX, INSERT_DECLINED } from './constants';
import { coreDiagnosticFor } from './diagnostics';
import { workspaceEditFor } from './edits';
import { synonymActions } from './setting-actions';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append(FIX_ALL_KIND_SUFFIX);
function fixTitle(diagnostic: CoreDiagnostic): string {
  const names = diagnostic.data.sections.map((kind) => SECTION_TITLES[kind]).join(' / ');
  if (diagnostic.ruleId === 'STAR006') return 'Add a measurable outcome ("From X to Y in Z")';
  if (diagnostic.ruleId === 'STAR007') return `Add a prompt under ${names}`;
  return `Insert ${names} section`;
}

/**
 * A quick fix whose edit is made when it is chosen (resolveCodeAction), once its text is read
 * again: a fix that would change another part of the story is then not applied (see fix-check).
 * The light bulb itself costs no reading.
 */
class CheckedFix extends vscode.CodeAction {
  constructor(
    title: string,
    readonly pending: {
      document: vscode.TextDocument;
      version: number;
      /** The edits that read back as promised, worked out when the fix is chosen (none: declined). */
      check: (reanalyze: Reanalyze) => TextEdit[];
      snippet: boolean;
      /** What the writer is told when the fix is not applied. */
      declined: string;
    },
  ) {
    super(title, vscode.CodeActionKind.QuickFix);
  }
}

/** "Label the STAR parts" where the cursor is in an answer whose parts were read from prose. */
function labelPartsActions(document: vscode.TextDocument, range: vscode.Range, result: AnalyzeResult): vscode.CodeAction[] {
  const line = range.start.line + 1;
  const answer = result.answers.find((a) => a.range.start.line <= line && a.range.end.line >= line && a.sections.some((s) => s.inferred));
  if (!answer) return [];
  const text = document.getText();
  const action = new vscode.CodeAction('Label the STAR parts', vscode.CodeActionKind.QuickFix);
  action.edit = workspaceEditFor(document, labelPartsEdits(text, result.answers, answer, detectEol(text)), false);
  return [action];
}

/**
 * Quick fixes for STAR Coach diagnostics: insert the missing section (preferred), insert
 * all missing sections, disable the rule for the line or file, read the rule's docs;
 * plus `source.fixAll.starCoach`. Filters on its own diagnostics and respects `context.only`.
 */
export class StarCodeActionProvider implements vscode.CodeActionProvider<vscode.CodeAction> {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly analysis: AnalysisService) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    // The light bulb reads the finished analysis of this version (none while typing); an
    // explicit request (Ctrl+., fix all on save) analyzes the version it acts on.
    const explicit = context.only !== undefined || context.triggerKind === vscode.CodeActionTriggerKind.Invoke;
    const current = explicit ? undefined : this.analysis.current(document);
    const result = explicit ? this.analysis.analyze(document) : current?.result;
    if (!result) return [];
    const wants = (kind: vscode.CodeActionKind): boolean => !context.only || context.only.contains(kind);
    const actions: vscode.CodeAction[] = [];

    if (context.only && wants(FIX_ALL_KIND)) {
      const { edits } = checkedInsertMissingEdits(document.getText(), result, this.analysis.reanalyzer(document));
      if (edits.length > 0) {
        const fixAll = new vscode.CodeAction('Insert all missing STAR sections', FIX_ALL_KIND);
        fixAll.edit = workspaceEditFor(document, edits, false);
        actions.push(fixAll);
      }
    }
    if (!wants(vscode.CodeActionKind.QuickFix)) return actions;
    actions.push(...synonymActions(document, range, result));
    actions.push(...labelPartsActions(document, range, result));

    const text = document.getText();
    const eol = detectEol(text);
    const lines = current?.lines ?? new LineIndex(text);
    const offeredAll = new Set<number>();
    const missingSections = missingByAnswer(result);
    const pending = { document, version: document.version };
    // A fix of given edits is made only if they keep what they promise.
    const kept = (edits: TextEdit[], promise: FixPromise) => (reanalyze: Reanalyze): TextEdit[] => (editsKeepPromise(text, result, edits, promise, reanalyze) ? edits : []);
    for (const diagnostic of context.diagnostics) {
      const core = coreDiagnosticFor(result, diagnostic);
      if (!core) continue;
      const names = core.data.sections.map((kind) => SECTION_TITLES[kind]).join(' / ');
      if (core.data.edit) {
        const declined = MISSING_SECTION_RULES.has(core.ruleId)
          ? `STAR Coach did not insert the ${names}: in this draft the new label would change how another part reads. Add it by hand, in the style of the other labels.`
          : 'STAR Coach did not change this section: here the edit would change how another part reads.';
        const fix = new CheckedFix(fixTitle(core), { ...pending, check: kept([core.data.edit], fixPromise(core)), snippet: true, declined });
        fix.diagnostics = [diagnostic];
        fix.isPreferred = true;
        actions.push(fix);
      }
      const missing = missingSections.get(core.data.answerIndex) ?? [];
      if (MISSING_SECTION_RULES.has(core.ruleId) && missing.length > 1 && !offeredAll.has(core.data.answerIndex)) {
        offeredAll.add(core.data.answerIndex);
        const answerIndex = core.data.answerIndex;
        const all = new CheckedFix(`Insert all missing sections (${missing.map((k) => SECTION_TITLES[k]).join(', ')})`, {
          ...pending,
          check: (reanalyze) => checkedInsertMissingEdits(text, result, reanalyze, answerIndex).edits,
          snippet: true,
          declined: INSERT_DECLINED,
        });
        all.diagnostics = context.diagnostics.filter((d) => {
          const other = coreDiagnosticFor(result, d);
          return other !== undefined && MISSING_SECTION_RULES.has(other.ruleId) && other.data.answerIndex === core.data.answerIndex;
        });
        actions.push(all);
      }
      for (const scope of ['line', 'file'] as const) {
        const directive = disableDirectiveEdit(text, lines.lineStart(core.range.start.line), core.alias, scope, eol, core.ruleId);
        if (!directive) continue;
        const disable = new CheckedFix(`Disable ${core.alias} for this ${scope}`, {
          ...pending,
          check: kept([directive], disablePromise(core, scope)),
          snippet: false,
          declined: `STAR Coach did not add the comment: here it would change how the draft reads. Write <!-- star-coach-disable ${core.alias} --> on a line of its own, with a blank line around it.`,
        });
        disable.diagnostics = [diagnostic];
        actions.push(disable);
      }
      const docs = new vscode.CodeAction(`More information about ${core.alias}`, vscode.CodeActionKind.QuickFix);
      docs.diagnostics = [diagnostic];
      docs.command = { command: COMMANDS.showRuleDocs, title: docs.title, arguments: [core.alias] };
      actions.push(docs);
    }
    return actions;
  }

  /** Makes a chosen fix's edit, if its text reads back as it promises; otherwise says why there is none. */
  resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
    if (!(action instanceof CheckedFix)) return action;
    const { document, version, check, snippet, declined } = action.pending;
    // The document changed since the menu opened: its offsets no longer hold; the next menu has fresh ones.
    if (document.isClosed || document.version !== version) return action;
    const checked = check(this.analysis.reanalyzer(document));
    if (checked.length > 0) action.edit = workspaceEditFor(document, checked, snippet);
    else void vscode.window.showInformationMessage(declined);
    return action;
  }
}
