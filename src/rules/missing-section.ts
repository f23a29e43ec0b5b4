import { insertSectionsEdits, placementFor } from '../core/fixes';
import { readsAsMessage } from '../core/inference/wording';
import type { SectionKind, Severity } from '../core/types';
import { answerAnchor, type Rule } from './rule';

/** Builds one of the five "missing X" rules; each lives in its own file with its own words. */
export function missingSectionRule(spec: {
  id: string;
  alias: string;
  kind: SectionKind;
  description: string;
  message: string;
  defaultSeverity?: Severity;
}): Rule {
  return {
    id: spec.id,
    alias: spec.alias,
    description: spec.description,
    defaultSeverity: spec.defaultSeverity ?? 'warning',
    check({ answer, requiredSections, lines, eol, laterTree }) {
      if (!requiredSections.includes(spec.kind)) return [];
      if (answer.sections.some((section) => section.kinds.includes(spec.kind))) return [];
      return [
        {
          // An answer read from prose says what its sentences read as instead.
          message: readsAsMessage(answer, spec.kind) ?? spec.message,
          range: answerAnchor(answer),
          sections: [spec.kind],
          // Worked out when asked for, with the tree while the analysis still holds it.
          edit: () => insertSectionsEdits(lines, eol, answer, [spec.kind], laterTree?.())[0] ?? null,
          style: placementFor(answer, spec.kind).style,
        },
      ];
    },
  };
}
