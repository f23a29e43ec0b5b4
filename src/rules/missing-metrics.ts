import { metricsTemplateEdit } from '../core/fixes';
import type { Rule } from './rule';

export const missingMetrics: Rule = {
  id: 'STAR006',
  alias: 'missing-metrics',
  description: 'A Result has no measurable outcome: no percentage, money, duration, count or from/to change.',
  defaultSeverity: 'warning',
  check({ answer, text, lines, eol }) {
    if (answer.metrics.length > 0) return [];
    return answer.sections
      .filter((section) => section.kinds.includes('result') && !section.empty)
      .map((section) => ({
        message:
          'This Result has no measurable outcome. Add a number an interviewer can remember: a percentage, time saved, money, or a count (for example "wait times fell from 40 to 15 minutes" or "renewals rose 12% in a quarter").',
        range: section.labelRange,
        sections: ['result'],
        edit: metricsTemplateEdit(text, lines, eol, section),
      }));
  },
};
