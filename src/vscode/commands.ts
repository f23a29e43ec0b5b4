import * as vscode from 'vscode';
import { draftSkeleton, type SkeletonQuestion } from '../core/skeleton';
import { RULES } from '../rules';
import { MAX_ANALYZED_LENGTH, type AnalysisService } from './analysis';
import { insertMissingEdits } from '../core/fix-all';
import { checkedInsertMissingEdits } from '../core/fix-check';
import { COMMANDS, INSERT_DECLINED } from './constants';
import { docsUri, type DiagnosticsController } from './diagnostics';
import { keepWhitespaceOptions, toSnippet, workspaceEditFor } from './edits';
import { addSynonym, toggleEnabled } from './setting-actions';
import { plural } from './summaries';
import { draftText } from './workspace-files';

/** The user's home folder where there is one (desktop, remote); the web extension host has no `process`. */
function homeFolder(): vscode.Uri | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const home = env?.HOME ?? env?.USERPROFILE;
  return home ? vscode.Uri.file(home) : undefined;
}

/** A name for a new draft that is not taken yet in the folder. */
async function freeDraftUri(folder: vscode.Uri | undefined, stem: string): Promise<vscode.Uri> {
  const base = folder ?? homeFolder();
  for (let n = 1; ; n++) {
    const name = `${stem}${n === 1 ? '' : `-${n}`}.star.md`;
    // With no folder and no home (a browser), the untitled draft just has a name.
    const candidate = base ? vscode.Uri.joinPath(base, name) : vscode.Uri.from({ scheme: 'untitled', path: name });
    const open = vscode.workspace.textDocuments.some((d) => d.uri.path === candidate.path);
    let exists = false;
    try {
      await vscode.workspace.fs.stat(candidate);
      exists = true;
    } catch {
      exists = false;
    }
    if (!open && !exists) return candidate;
  }
}

/**
 * Opens a new, unsaved `*.star.md` draft (saved where the writer chooses) and fills it
 * with a skeleton whose prompts are tab stops. Used by the command and the question bank.
 */
export async function openNewDraft(question: SkeletonQuestion = {}): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const stem = question.id ?? 'answer';
  const target = await freeDraftUri(folder, stem);
  const document = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
  const editor = await vscode.window.showTextDocument(document);
  const skeleton = draftSkeleton(question);
  await editor.insertSnippet(toSnippet({ ...skeleton, offset: 0, length: 0 }), new vscode.Position(0, 0), keepWhitespaceOptions());
  return editor;
}

/** Registers the Command Palette commands. */
export function registerCommands(context: vscode.ExtensionContext, analysis: AnalysisService, diagnostics: DiagnosticsController): void {
  const insertMissing = async (uri: vscode.Uri | undefined, answerIndex: number | undefined): Promise<void> => {
    const active = vscode.window.activeTextEditor;
    const document = uri ? await vscode.workspace.openTextDocument(uri) : active?.document;
    if (!document) return;
    // The answer at the cursor is looked up before anything is awaited that could move the cursor.
    const cursorLine = !uri || active?.document === document ? active?.selection.active.line : undefined;
    if (!analysis.analyze(document)?.answers.length) {
      void vscode.window.showInformationMessage('STAR Coach: this file is not an answer draft. Name it *.star.md or label a Situation, Task, Action or Result.');
      return;
    }
    if (vscode.window.activeTextEditor?.document !== document) await vscode.window.showTextDocument(document);
    // The text may have changed while the editor opened: edits are computed from the version
    // they are applied to, and computed again if it changes before VS Code takes them.
    for (let attempt = 0; attempt < 3; attempt++) {
      const version = document.version;
      const result = analysis.analyze(document);
      if (!result || result.answers.length === 0) return;
      let index = answerIndex;
      if (index === undefined && cursorLine !== undefined) {
        const line = cursorLine + 1;
        const found = result.answers.findIndex((a) => a.range.start.line <= line && line <= a.range.end.line);
        index = found >= 0 ? found : undefined;
      }
      if (index !== undefined && index >= result.answers.length) return;
      const text = document.getText();
      const { edits } = checkedInsertMissingEdits(text, result, analysis.reanalyzer(document), index);
      if (edits.length === 0) {
        const withheld = insertMissingEdits(text, result, index).length > 0;
        void vscode.window.showInformationMessage(withheld ? INSERT_DECLINED : 'STAR Coach: nothing is missing here.');
        return;
      }
      const applied = await vscode.workspace.applyEdit(workspaceEditFor(document, edits, true));
      if (applied || document.version === version) return;
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.newDraft, () => openNewDraft()),
    vscode.commands.registerCommand(COMMANDS.insertMissingSections, () => insertMissing(undefined, undefined)),
    vscode.commands.registerCommand(COMMANDS.insertMissingSectionsForAnswer, (uri: vscode.Uri, index: number) => insertMissing(uri, index)),
    vscode.commands.registerCommand(COMMANDS.showRuleDocs, async (alias?: string) => {
      let chosen = alias;
      if (!chosen) {
        const pick = await vscode.window.showQuickPick(
          RULES.map((rule) => ({ label: rule.alias, description: rule.id, detail: rule.description })),
          { placeHolder: 'Which rule?' },
        );
        chosen = pick?.label;
      }
      // Locked: the rendered page stays on the rule when the writer goes back to a draft.
      if (chosen) await vscode.commands.executeCommand('markdown.showPreview', docsUri(context.extensionUri, chosen), undefined, { locked: true });
    }),
    vscode.commands.registerCommand(COMMANDS.checkWorkspace, () => checkWorkspace(analysis, diagnostics)),
    vscode.commands.registerCommand(COMMANDS.toggle, toggleEnabled),
    vscode.commands.registerCommand(COMMANDS.addSynonym, addSynonym),
  );
}

/** Analyzes every markdown file in the workspace, open or not, and fills the Problems panel. */
async function checkWorkspace(analysis: AnalysisService, diagnostics: DiagnosticsController): Promise<void> {
  const { exclude } = analysis.options.settings.get();
  const excludeGlob = `{**/node_modules/**,**/.git/**${exclude.map((glob) => `,${glob}`).join('')}}`;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'STAR Coach: checking answer drafts', cancellable: true }, async (progress, token) => {
    const files = await vscode.workspace.findFiles('**/*.{md,markdown}', excludeGlob, undefined, token);
    let drafts = 0;
    let problems = 0;
    const skipped: string[] = [];
    for (const uri of files) {
      if (token.isCancellationRequested) break;
      progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / files.length });
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      await analysis.options.ready(uri);
      let result;
      if (open) {
        // Off the main thread like the closed files (a no-op when this version is analyzed already).
        await diagnostics.update(open);
        result = analysis.latest(open);
      } else {
        const bytes = await vscode.workspace.fs.readFile(uri);
        const text = bytes.length > MAX_ANALYZED_LENGTH ? undefined : draftText(bytes);
        if (text === undefined) {
          skipped.push(vscode.workspace.asRelativePath(uri));
          continue;
        }
        // In the scan's worker threads: a workspace of many drafts does not hold up the editor.
        result = await analysis.analyzeTextInBackground(uri, text);
        diagnostics.publish(uri, result);
      }
      if (result?.isDraft) drafts++;
      problems += result?.diagnostics.length ?? 0;
    }
    const note = skipped.length > 0 ? ` Skipped ${plural(skipped.length, 'file')} that ${skipped.length === 1 ? 'is' : 'are'} binary, not UTF-8 or too large: ${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? ', …' : ''}.` : '';
    const message = `STAR Coach checked ${plural(files.length, 'markdown file')}: ${plural(drafts, 'answer draft')}, ${plural(problems, 'finding')}.${note}`;
    // Not awaited: the command is done when the Problems panel is filled, not when the toast closes.
    void vscode.window.showInformationMessage(message, ...(problems > 0 ? ['Open Problems'] : [])).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  });
}
