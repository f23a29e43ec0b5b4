import { emptySectionEdit } from '../core/fixes';
import { isPrompt, placeholderToken } from '../core/placeholders';
import { SECTION_TITLES, type Section } from '../core/types';
import type { Rule } from './rule';

function messageFor(section: Section): string {
  const names = section.kinds.map((kind) => SECTION_TITLES[kind]).join(' / ');
  if (!section.text) return `The ${names} label has nothing under it yet. Write a few sentences, or remove the label.`;
  if (isPrompt(section.text)) return `The ${names} label still has only the prompt under it. Answer it in your own words, in its place.`;
  if (placeholderToken(section.text)) return `The ${names} label has only a placeholder under it ("${section.text}"). Write a few sentences in its place.`;
  return `The ${names} label has only instructions or a question under it ("${section.text}"). Write what happened in their place.`;
}

export const emptySection: Rule = {
  id: 'STAR007',
  alias: 'empty-section',
  description: 'A section label has no content under it.',
  defaultSeverity: 'warning',
  check({ answer, text, lines, eol, tree }) {
    return answer.sections
      .filter((section) => section.empty)
      .map((section) => ({
        message: messageFor(section),
        range: section.labelRange,
        sections: section.kinds,
        edit: emptySectionEdit(text, lines, eol, section, tree),
      }));
  },
};
