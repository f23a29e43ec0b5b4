import { SECTION_KINDS, SECTION_TITLES, type TextEdit } from './types';
import { SECTION_PLACEHOLDERS } from './fixes';
import { collapseWhitespace } from './markdown';

export interface SkeletonQuestion {
  id?: string;
  text?: string;
  /** Titles of what a strong answer covers, shown as a comment checklist. */
  keyPoints?: string[];
}

const TITLE_PLACEHOLDER = 'Tell me about a time you…';

/**
 * A new answer draft: optional front matter linking a bank question, the question as a
 * heading, the key points as an HTML comment (guidance, not part of the answer), and
 * the five labelled sections with prompts as placeholders.
 */
export function draftSkeleton(question: SkeletonQuestion = {}, eol = '\n'): Omit<TextEdit, 'offset' | 'length'> {
  let text = '';
  const placeholders: TextEdit['placeholders'] = [];
  const placeholder = (value: string): void => {
    placeholders.push({ start: text.length, end: text.length + value.length });
    text += value;
  };
  if (question.id) text += `---${eol}question: ${question.id}${eol}---${eol}${eol}`;
  text += '# ';
  // A heading is one line, whatever the question's text holds.
  if (question.text) text += collapseWhitespace(question.text);
  else placeholder(TITLE_PLACEHOLDER);
  text += eol + eol;
  if (question.keyPoints && question.keyPoints.length > 0) {
    text += `<!-- A strong answer covers:${eol}${question.keyPoints.map((point) => `- [ ] ${collapseWhitespace(point.replace(/-->/g, ''))}`).join(eol)}${eol}-->${eol}${eol}`;
  }
  SECTION_KINDS.forEach((kind, index) => {
    text += `**${SECTION_TITLES[kind]}:** `;
    placeholder(SECTION_PLACEHOLDERS[kind]);
    text += eol + (index < SECTION_KINDS.length - 1 ? eol : '');
  });
  return { text, placeholders };
}
