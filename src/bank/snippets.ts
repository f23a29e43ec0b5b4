import { draftSkeleton, type SkeletonQuestion } from '../core/skeleton';
import { snippetBody } from '../core/snippet';
import type { QuestionBank } from './bank';
import type { BankQuestion } from './types';

/** Where drafts and snippets take a bank question's skeleton from. */
export function skeletonQuestion(question: BankQuestion, options: { linkById: boolean }): SkeletonQuestion {
  return {
    // Front matter only fits at the top of a new file; elsewhere the heading links the answer.
    id: options.linkById ? question.id : undefined,
    text: question.text,
    keyPoints: question.keyPoints.map((point) => point.title),
  };
}

/** The snippet prefix that inserts a question's answer skeleton. */
export function snippetPrefix(question: BankQuestion): string {
  return `star-${question.id}`;
}

/** One entry of a `.code-snippets` file. */
export interface CodeSnippet {
  prefix: string;
  description: string;
  body: string[];
}

/**
 * A snippet per bank question: the question as a heading, its key points as an HTML
 * comment checklist, and the five sections with their prompts as tab stops. Each is named
 * by its question, because VS Code shows a snippet's name beside its prefix in the
 * suggestion list (the prefix already carries the id).
 */
export function bankSnippets(bank: QuestionBank): Record<string, CodeSnippet> {
  const snippets: Record<string, CodeSnippet> = {};
  for (const question of bank.questions) {
    const name = question.text in snippets ? `${question.text} (${question.id})` : question.text;
    snippets[name] = {
      prefix: snippetPrefix(question),
      description: `${bank.categoryLabel(question.category)}: a STAR answer skeleton with the question's key points`,
      body: snippetBody(draftSkeleton(skeletonQuestion(question, { linkById: false }))).split('\n'),
    };
  }
  return snippets;
}
