import type { TextEdit } from './types';

/** Escapes the characters that are syntax in a snippet body: `$`, `}` and `\`. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (ch) => `\\${ch}`);
}

/**
 * Text with placeholders in snippet syntax (VS Code, TextMate): each placeholder becomes
 * a tab stop `${n:prompt}`, numbered from `firstStop`, and everything else is escaped.
 * Editor-free, so the snippet generator and the extension share it.
 */
export function snippetBody(edit: Pick<TextEdit, 'text' | 'placeholders'>, firstStop = 1): string {
  let body = '';
  let cursor = 0;
  edit.placeholders.forEach((placeholder, index) => {
    body += escapeSnippetText(edit.text.slice(cursor, placeholder.start));
    body += `\${${firstStop + index}:${escapeSnippetText(edit.text.slice(placeholder.start, placeholder.end))}}`;
    cursor = placeholder.end;
  });
  return body + escapeSnippetText(edit.text.slice(cursor));
}
