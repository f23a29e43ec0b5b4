import { emptySectionEdit } from '../core/fixes';
import { SECTION_TITLES } from '../core/types';
import type { Rule } from './rule';

export const emptySection: Rule = {
  id: 'STAR007',
  alias: 'empty-section',
  description: 'A section label has no content under it.',
  defaultSeverity: 'warning',
  check({ answer, text, lines, eol }) {
    return answer.sections
      .filter((section) => section.empty)
      .map((section) => ({
        message: section.text
          ? `The ${section.kinds.map((kind) => SECTION_TITLES[kind]).join(' / ')} label has only a placeholder under it ("${section.text}"). Write a few sentences in its place.`
          : `The ${section.kinds.map((kind) => SECTION_TITLES[kind]).join(' / ')} label has nothing under it yet. Write a few sentences, or remove the label.`,
        range: section.labelRange,
        sections: section.kinds,
        edit: emptySectionEdit(text, lines, eol, section),
      }));
  },
};
