import * as vscode from 'vscode';
import { skeletonQuestion } from '../bank/snippets';
import { pickRandom } from '../bank/tree';
import type { BankQuestion } from '../bank/types';
import { draftSkeleton } from '../core/skeleton';
import { snippetBody } from '../core/snippet';
import type { QuestionBankService } from './bank-service';
import type { QuestionBankView, QuestionNode } from './bank-view';
import { openNewDraft } from './commands';
import { COMMANDS } from './constants';

/**
 * What a bank command was invoked with: a tree node (inline and context menus), a
 * question id (other commands, tests), or nothing (Command Palette: pick one).
 */
type QuestionArgument = QuestionNode | string | undefined;

/** Blank lines needed before a heading inserted at `position`, so it starts its own block. */
function leadingBreaks(document: vscode.TextDocument, position: vscode.Position): string {
  const before = document.lineAt(position.line).text.slice(0, position.character);
  if (before.trim() !== '') return '\n\n';
  if (position.line > 0 && document.lineAt(position.line - 1).text.trim() !== '') return '\n';
  return '';
}

/** Registers the Question Bank commands: drafts, insert, copy, filter, random question and reload. */
export function registerBankCommands(context: vscode.ExtensionContext, service: QuestionBankService, view: QuestionBankView): void {
  const resolveQuestion = async (argument: QuestionArgument): Promise<BankQuestion | undefined> => {
    if (typeof argument === 'object' && argument !== null) return service.bank.byId(argument.question.id) ?? argument.question;
    if (typeof argument === 'string') {
      const question = service.bank.byId(argument);
      if (!question) void vscode.window.showWarningMessage(`STAR Coach: the question bank has no question "${argument}".`);
      return question;
    }
    const bank = service.bank;
    const picked = await vscode.window.showQuickPick(
      bank.questions.map((question) => ({ label: question.text, description: bank.categoryLabel(question.category), question })),
      { placeHolder: 'Which question?', matchOnDescription: true },
    );
    return picked?.question;
  };

  const newDraft = async (argument: QuestionArgument): Promise<void> => {
    const question = await resolveQuestion(argument);
    if (question) await openNewDraft(skeletonQuestion(question, { linkById: true }));
  };

  const insertQuestion = async (argument: QuestionArgument): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage('STAR Coach: open a markdown file and put the cursor where the question should go.');
      return;
    }
    const question = await resolveQuestion(argument);
    if (!question) return;
    const position = editor.selection.start;
    // No front matter mid-file: the heading (the question's text) links the answer instead.
    const body = snippetBody(draftSkeleton(skeletonQuestion(question, { linkById: false })));
    await editor.insertSnippet(new vscode.SnippetString(leadingBreaks(editor.document, position) + body), editor.selection);
  };

  const copyQuestion = async (argument: QuestionArgument): Promise<void> => {
    const question = await resolveQuestion(argument);
    if (!question) return;
    await vscode.env.clipboard.writeText(question.text);
    vscode.window.setStatusBarMessage('$(copy) Question copied', 3000);
  };

  const filter = async (): Promise<void> => {
    const query = await vscode.window.showInputBox({
      title: 'Filter the question bank',
      prompt: 'Words, a category or a value tag: for example "conflict", "ownership" or "manager disagree". Empty shows all.',
      value: view.provider.filter,
    });
    if (query !== undefined) view.provider.setFilter(query);
  };

  // Practice: one question at a time, shown in the tree, with a draft one click away.
  const randomQuestion = async (): Promise<void> => {
    for (;;) {
      const question = pickRandom(view.provider.visibleQuestions()) ?? pickRandom(service.bank.questions);
      if (!question) return;
      await view.reveal(question);
      const choice = await vscode.window.showInformationMessage(question.text, 'New Answer Draft', 'Another Question');
      if (choice === 'New Answer Draft') await newDraft(question.id);
      if (choice !== 'Another Question') return;
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.bankNewDraft, newDraft),
    vscode.commands.registerCommand(COMMANDS.bankInsertQuestion, insertQuestion),
    vscode.commands.registerCommand(COMMANDS.bankCopyQuestion, copyQuestion),
    vscode.commands.registerCommand(COMMANDS.bankFilter, filter),
    vscode.commands.registerCommand(COMMANDS.bankClearFilter, () => view.provider.setFilter('')),
    vscode.commands.registerCommand(COMMANDS.bankRandomQuestion, randomQuestion),
    vscode.commands.registerCommand(COMMANDS.bankRefresh, () => service.reload()),
  );
}
