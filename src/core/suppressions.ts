import type { Comment } from './structure';
import type { Diagnostic } from './types';

/** The comment prefix writers (and the "Disable" quick fixes) use to silence rules. */
export const DIRECTIVE_PREFIX = 'star-coach-';

interface Directive {
  kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  /** Lower-case rule ids or aliases; empty means every rule. */
  rules: string[];
  line: number;
  endLine: number;
}

const DIRECTIVE = /^star-coach-(disable-next-line|disable-line|disable|enable)\b([^]*)$/i;

function parseDirectives(comments: Comment[]): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    directives.push({
      kind: match[1].toLowerCase() as Directive['kind'],
      rules: match[2].split(/[\s,]+/).filter(Boolean).map((rule) => rule.toLowerCase()),
      line: comment.range.start.line,
      endLine: comment.range.end.line,
    });
  }
  return directives.sort((a, b) => a.line - b.line);
}

/**
 * Drops diagnostics silenced by `<!-- star-coach-disable[-next-line|-line] [rules] -->`
 * comments. `nextContentLine` maps a line to the next non-blank line, so a blank line
 * between the comment and its target does not break the directive.
 */
export function applySuppressions(diagnostics: Diagnostic[], comments: Comment[], nextContentLine: (line: number) => number): Diagnostic[] {
  const directives = parseDirectives(comments);
  if (directives.length === 0) return diagnostics;
  const names = (d: Diagnostic): string[] => [d.ruleId.toLowerCase(), d.alias.toLowerCase()];
  const covers = (directive: Directive, d: Diagnostic): boolean =>
    directive.rules.length === 0 || names(d).some((name) => directive.rules.includes(name));

  return diagnostics.filter((diagnostic) => {
    const line = diagnostic.range.start.line;
    let disabled = false;
    for (const directive of directives) {
      if (!covers(directive, diagnostic)) continue;
      if (directive.kind === 'disable-line' && directive.line <= line && line <= directive.endLine) return false;
      if (directive.kind === 'disable-next-line' && nextContentLine(directive.endLine + 1) === line) return false;
      if (directive.line > line) continue;
      if (directive.kind === 'disable') disabled = true;
      if (directive.kind === 'enable') disabled = false;
    }
    return !disabled;
  });
}
