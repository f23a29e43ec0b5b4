import * as vscode from 'vscode';
import { insertMissingEdits, missingByAnswer, MISSING_SECTION_RULES } from '../core/fix-all';
import { insertSectionsEdits } from '../core/fixes';
import { labelPartsEdits } from '../core/label-parts';
import { detectEol, LineIndex } from '../core/markdown';
import { disableDirectiveEdit } from '../core/suppressions';
import { SECTION_TITLES, type AnalyzeResult, type Diagnostic as CoreDiagnostic } from '../core/types';
import type { AnalysisService } from './analysis';
import { COMMANDS, FIX_ALL_KIND_SUFFIX } from './constants';
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
export class StarCodeActionProvider implements vscode.CodeActionProvider {
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
      const edits = insertMissingEdits(document.getText(), result);
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
    for (const diagnostic of context.diagnostics) {
      const core = coreDiagnosticFor(result, diagnostic);
      if (!core) continue;
      if (core.data.edit) {
        const fix = new vscode.CodeAction(fixTitle(core), vscode.CodeActionKind.QuickFix);
        fix.diagnostics = [diagnostic];
        fix.isPreferred = true;
        fix.edit = workspaceEditFor(document, [core.data.edit], true);
        actions.push(fix);
      }
      const missing = missingSections.get(core.data.answerIndex) ?? [];
      if (MISSING_SECTION_RULES.has(core.ruleId) && missing.length > 1 && !offeredAll.has(core.data.answerIndex)) {
        offeredAll.add(core.data.answerIndex);
        const all = new vscode.CodeAction(`Insert all missing sections (${missing.map((k) => SECTION_TITLES[k]).join(', ')})`, vscode.CodeActionKind.QuickFix);
        all.diagnostics = context.diagnostics.filter((d) => {
          const other = coreDiagnosticFor(result, d);
          return other !== undefined && MISSING_SECTION_RULES.has(other.ruleId) && other.data.answerIndex === core.data.answerIndex;
        });
        all.edit = workspaceEditFor(document, insertSectionsEdits(lines, eol, result.answers[core.data.answerIndex], missing), true);
        actions.push(all);
      }
      for (const scope of ['line', 'file'] as const) {
        const directive = disableDirectiveEdit(text, lines.lineStart(core.range.start.line), core.alias, scope, eol, core.ruleId);
        if (!directive) continue;
        const disable = new vscode.CodeAction(`Disable ${core.alias} for this ${scope}`, vscode.CodeActionKind.QuickFix);
        disable.diagnostics = [diagnostic];
        disable.edit = workspaceEditFor(document, [directive], false);
        actions.push(disable);
      }
      const docs = new vscode.CodeAction(`More information about ${core.alias}`, vscode.CodeActionKind.QuickFix);
      docs.diagnostics = [diagnostic];
      docs.command = { command: COMMANDS.showRuleDocs, title: docs.title, arguments: [core.alias] };
      actions.push(docs);
    }
    return actions;
  }
}
