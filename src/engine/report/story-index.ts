/**
 * The analyses behind a story bank, one per file, each kept with a stamp of what was
 * analyzed (a file's modification time and size, or an open document's version). A scan
 * re-analyzes only the files whose stamp changed, so keeping the bank current after one
 * edit costs one file's analysis. Pure: the caller reads files and says how to analyze.
 */
import type { AnalyzeResult } from '../../core/types';
import { buildStoryBank, prepareStories, type StoryBankOptions, type StoryBankReport, type StoryInput } from './build';

export class StoryIndex {
  private readonly entries = new Map<string, { stamp: string; result: AnalyzeResult }>();
  private cached: { key: StoryBankOptions; report: StoryBankReport } | undefined;
  /** How many analyses ran since the index was made (for tests and the bench). */
  analyses = 0;

  /** Whether the file needs analyzing: unknown, or known under another stamp. */
  isStale(file: string, stamp: string): boolean {
    return this.entries.get(file)?.stamp !== stamp;
  }

  /**
   * Records a file's analysis under a stamp, analyzing only when the stamp is new. Returns
   * true when it analyzed. `analyze` returning undefined (the file is not checked) drops it.
   * With `prepare`, the file's part of the report under those options is worked out now.
   */
  update(file: string, stamp: string, analyze: () => AnalyzeResult | undefined, prepare?: StoryBankOptions): boolean {
    if (!this.isStale(file, stamp)) return false;
    this.analyses++;
    const result = analyze();
    if (result && prepare) prepareStories(result, prepare);
    if (result) this.entries.set(file, { stamp, result });
    else this.entries.delete(file);
    this.cached = undefined;
    return true;
  }

  /** Forgets a deleted file. */
  delete(file: string): void {
    if (this.entries.delete(file)) this.cached = undefined;
  }

  /** Forgets every stamp (after a settings or bank change), keeping the results until they are redone. */
  invalidate(): void {
    for (const entry of this.entries.values()) entry.stamp = '';
    this.cached = undefined;
  }

  /** The files known, in path order. */
  files(): string[] {
    return [...this.entries.keys()].sort();
  }

  result(file: string): AnalyzeResult | undefined {
    return this.entries.get(file)?.result;
  }

  /** The inputs of the report, in path order (so the story numbers are stable). */
  inputs(): StoryInput[] {
    return this.files().map((file) => ({ file, result: this.entries.get(file)!.result }));
  }

  /** The report over every file, built once until a file or the options change. */
  report(options: StoryBankOptions): StoryBankReport {
    if (this.cached?.key !== options) this.cached = { key: options, report: buildStoryBank(this.inputs(), options) };
    return this.cached.report;
  }
}
