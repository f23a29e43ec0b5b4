import * as vscode from 'vscode';
import { coachingNotesMarkdown, filterQuestions, groupByCategory, type CategoryGroup } from '../bank/tree';
import type { BankQuestion } from '../bank/types';
import type { QuestionBankService } from './bank-service';
import { CONTEXT_KEYS, TREE_ITEMS, VIEWS } from './constants';

/** A category node of the Question Bank tree. */
export interface CategoryNode {
  kind: 'category';
  group: CategoryGroup;
}

/** A question node of the Question Bank tree; the bank commands receive it as their argument. */
export interface QuestionNode {
  kind: 'question';
  question: BankQuestion;
  parent: CategoryNode;
}

export type BankNode = CategoryNode | QuestionNode;

/**
 * The Question Bank tree: categories, then questions. Holds the filter; the pure
 * grouping, filtering and tooltip text live in `src/bank/tree.ts`.
 */
export class QuestionBankTreeProvider implements vscode.TreeDataProvider<BankNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private query = '';
  private categories: CategoryNode[] = [];
  private readonly questionNodes = new Map<string, QuestionNode>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: QuestionBankService) {
    this.subscription = service.onDidChange(() => this.refresh());
    this.rebuild();
  }

  /** The filter in force, or '' for none. */
  get filter(): string {
    return this.query;
  }

  /** Shows only the questions that match `query` (words, a category or a value tag); '' shows all. */
  setFilter(query: string): void {
    this.query = query.trim();
    this.refresh();
  }

  /** The questions the tree shows now, after the filter. */
  visibleQuestions(): BankQuestion[] {
    return [...this.questionNodes.values()].map((node) => node.question);
  }

  /** The node of a shown question, for `TreeView.reveal`. */
  nodeFor(question: BankQuestion): QuestionNode | undefined {
    return this.questionNodes.get(question.id);
  }

  /** Rebuilds the tree from the bank and the filter, updates the context keys and redraws. */
  refresh(): void {
    this.rebuild();
    this.changeEmitter.fire();
  }

  private rebuild(): void {
    const bank = this.service.bank;
    const shown = filterQuestions(bank, this.query);
    this.questionNodes.clear();
    this.categories = groupByCategory(bank, shown).map((group) => {
      const category: CategoryNode = { kind: 'category', group };
      for (const question of group.questions) this.questionNodes.set(question.id, { kind: 'question', question, parent: category });
      return category;
    });
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.bankFiltered, this.query !== '');
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.bankFilterEmpty, this.query !== '' && shown.length === 0);
  }

  getTreeItem(node: BankNode): vscode.TreeItem {
    if (node.kind === 'category') {
      const { category, questions } = node.group;
      // A filter opens every category it matched; the id changes with it so VS Code
      // does not restore the collapsed state remembered from before.
      const item = new vscode.TreeItem(category.label, this.query ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `category:${category.id}:${this.query}`;
      item.description = String(questions.length);
      item.contextValue = TREE_ITEMS.category;
      return item;
    }
    const { question } = node;
    const bank = this.service.bank;
    const source = bank.customSource(question.id);
    const item = new vscode.TreeItem(question.text, vscode.TreeItemCollapsibleState.None);
    item.id = `question:${question.id}`;
    item.description = source ? `${question.difficulty} · custom` : question.difficulty;
    item.tooltip = new vscode.MarkdownString(coachingNotesMarkdown(question, { categoryLabel: bank.categoryLabel(question.category), source: source && vscode.workspace.asRelativePath(source) }));
    item.iconPath = new vscode.ThemeIcon('comment-discussion');
    item.contextValue = TREE_ITEMS.question;
    return item;
  }

  getChildren(node?: BankNode): BankNode[] {
    if (!node) return this.categories;
    if (node.kind === 'question') return [];
    return node.group.questions.map((question) => this.questionNodes.get(question.id)!);
  }

  getParent(node: BankNode): BankNode | undefined {
    return node.kind === 'question' ? node.parent : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

/** The Question Bank view: the tree provider and its `TreeView`, with a line that names the filter. */
export class QuestionBankView implements vscode.Disposable {
  readonly provider: QuestionBankTreeProvider;
  private readonly treeView: vscode.TreeView<BankNode>;
  private readonly disposables: vscode.Disposable[];

  constructor(service: QuestionBankService) {
    this.provider = new QuestionBankTreeProvider(service);
    this.treeView = vscode.window.createTreeView(VIEWS.questionBank, { treeDataProvider: this.provider, showCollapseAll: true });
    this.disposables = [this.provider, this.treeView, this.provider.onDidChangeTreeData(() => this.updateMessage())];
  }

  /** Shows and selects a question in the tree (clearing a filter that hides it). */
  async reveal(question: BankQuestion): Promise<void> {
    if (!this.provider.nodeFor(question)) this.provider.setFilter('');
    const node = this.provider.nodeFor(question);
    if (node) await this.treeView.reveal(node, { select: true, focus: true, expand: true });
  }

  // The welcome view explains an empty result, so the message is only for a filter that matched.
  private updateMessage(): void {
    const { filter } = this.provider;
    const count = this.provider.visibleQuestions().length;
    this.treeView.message = filter && count > 0 ? `${count} question${count === 1 ? '' : 's'} matching "${filter}"` : undefined;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
