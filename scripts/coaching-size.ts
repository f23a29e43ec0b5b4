/**
 * What the coaching rules (STAR009-STAR015), the score and the bank's model answers add to
 * the minified desktop extension bundle. Modules are measured with esbuild's metafile (the
 * bytes each input contributes to the output); model answers as the minified JSON they add
 * to the bundled question files. Issue 13 caps coaching's growth at 100 KB; the bench prints
 * the figure and a unit test holds it under the cap.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { BUNDLED_QUESTION_FILES } from '../src/bank/bundled';

const ROOT = join(__dirname, '..');

/** Inputs that exist only for coaching: the seven rules, the score, follow-ups, the sentence tree and the hedge lists. */
// Paths are relative to the repository; node_modules may resolve elsewhere (a linked folder), hence no anchor there.
export const COACHING_INPUTS = /^(?:src\/rules\/(?:ownership|hypothetical-action|section-balance|answer-length|vague-result|hedging|risk-arithmetic)\.ts|src\/core\/sentences\.ts|src\/engine\/(?:score|follow-ups)\.ts|src\/bank\/model-answers\.ts)$|(?:^|\/)node_modules\/(?:hedges|fillers)\//;

export interface CoachingSize {
  /** The whole minified extension bundle. */
  bundleBytes: number;
  /** Bytes from the coaching modules, by input path. */
  modules: Record<string, number>;
  modulesBytes: number;
  /** The bank's model answers, as minified JSON inside the bundled question files. */
  modelAnswersBytes: number;
}

/** Builds src/vscode/extension.ts minified, as `npm run vscode:prepublish` does, in memory, and measures it. */
export function coachingSize(): CoachingSize {
  const { metafile } = buildSync({
    absWorkingDir: ROOT,
    entryPoints: ['src/vscode/extension.ts'],
    bundle: true,
    format: 'cjs',
    minify: true,
    platform: 'node',
    target: 'node18',
    external: ['vscode'],
    legalComments: 'none',
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    define: { 'import.meta.url': '__importMetaUrl' },
    metafile: true,
    write: false,
    outfile: 'dist/extension.js',
    logLevel: 'silent',
  });
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
  const modules: Record<string, number> = {};
  for (const [path, input] of Object.entries(output.inputs)) if (COACHING_INPUTS.test(path)) modules[path] = input.bytesInOutput;
  let modelAnswersBytes = 0;
  for (const file of BUNDLED_QUESTION_FILES) {
    const { questions } = file.data as { questions: Array<Record<string, unknown>> };
    const without = questions.map(({ modelAnswer: _left, ...rest }) => rest);
    modelAnswersBytes += JSON.stringify(questions).length - JSON.stringify(without).length;
  }
  return { bundleBytes: output.bytes, modules, modulesBytes: Object.values(modules).reduce((sum, bytes) => sum + bytes, 0), modelAnswersBytes };
}

if (require.main === module) {
  const size = coachingSize();
  for (const [path, bytes] of Object.entries(size.modules).sort((a, b) => b[1] - a[1])) console.log(`${(bytes / 1024).toFixed(1).padStart(6)} KB  ${path}`);
  console.log(`Coaching: ${(size.modulesBytes / 1024).toFixed(1)} KB of modules + ${(size.modelAnswersBytes / 1024).toFixed(1)} KB of model answers, in a ${(size.bundleBytes / 1024).toFixed(0)} KB minified extension bundle`);
}
