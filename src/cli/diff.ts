/**
 * A unified diff of two texts, as `diff -u` writes it, for `star-coach fix --diff`. Small on
 * purpose: lines are compared whole (their CR, if any, included), with Myers' O(ND)
 * algorithm after trimming the common head and tail, which keeps the insert-only diffs of
 * `fix` linear in the file's length.
 */

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Splits text into lines that keep their terminators; the last may have none. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/(?<=\n)/);
  return lines;
}

/** The shortest edit script from `a` to `b` (Myers 1986, greedy forward search with a trace). */
function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) x++, y++;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const before = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && before[offset + k - 1] < before[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : before[offset + prevK];
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: ' ', line: a[--x] }), y--;
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[--y] });
      else ops.push({ kind: '-', line: a[--x] });
    }
  }
  return ops.reverse();
}

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [
    ...a.slice(0, head).map((line): Op => ({ kind: ' ', line })),
    ...middle,
    ...a.slice(a.length - tail).map((line): Op => ({ kind: ' ', line })),
  ];
}

function range(start: number, count: number): string {
  // diff -u: a range of one line is its number alone; an empty range names the line before it.
  if (count === 1) return String(start + 1);
  return `${count === 0 ? start : start + 1},${count}`;
}

/**
 * A unified diff from `oldText` to `newText` with `context` lines around each change, or ''
 * when they are equal. Lines keep their own endings, so a CRLF file's diff has CRLF lines
 * and applies with `patch`; a last line without a newline is marked as `diff` marks it.
 */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  if (oldText === newText) return '';
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const changed: number[] = [];
  ops.forEach((op, i) => op.kind !== ' ' && changed.push(i));
  let out = `--- ${oldName}\n+++ ${newName}\n`;
  // Line numbers (0-based) in the old and new text before each op.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let o = 0;
  let w = 0;
  for (const op of ops) {
    oldAt.push(o);
    newAt.push(w);
    if (op.kind !== '+') o++;
    if (op.kind !== '-') w++;
  }
  let c = 0;
  while (c < changed.length) {
    const start = Math.max(0, changed[c] - context);
    let last = changed[c];
    while (c + 1 < changed.length && changed[c + 1] - last <= 2 * context + 1) last = changed[++c];
    c++;
    const end = Math.min(ops.length, last + context + 1);
    const hunk = ops.slice(start, end);
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    out += `@@ -${range(oldAt[start], oldCount)} +${range(newAt[start], newCount)} @@\n`;
    for (const op of hunk) {
      out += op.kind + op.line;
      if (!op.line.endsWith('\n')) out += '\n\\ No newline at end of file\n';
    }
  }
  return out;
}
