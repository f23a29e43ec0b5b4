import type { StarCoachOptions } from '../core/options';

/**
 * Named configurations a `.starcoachrc.json` can extend: `"extends": "car"`. Each preset
 * is a plain options object, laid under the file's own options. They name the answer
 * frameworks interviewers ask for; the label words they need (Challenge, Problem,
 * Obstacle, Learning) are already built-in words of the sections they map to.
 */
export const PRESETS: Readonly<Record<string, StarCoachOptions>> = {
  /** Situation, Task, Action, Result; a Reflection is welcome but not asked for. */
  star: { requiredSections: ['situation', 'task', 'action', 'result'] },
  /** STAR plus a Reflection (the second R). */
  starr: { requiredSections: ['situation', 'task', 'action', 'result', 'reflection'] },
  /** STAR plus what you Learned, which STAR Coach reads as the Reflection (`L:` works too). */
  'star-l': { requiredSections: ['situation', 'task', 'action', 'result', 'reflection'] },
  /** Challenge, Action, Result: the Challenge is read as the Task; a Context is optional. */
  car: { requiredSections: ['task', 'action', 'result'] },
  /** Problem, Action, Result: the Problem is read as the Task. */
  par: { requiredSections: ['task', 'action', 'result'] },
  /** Situation, Obstacle, Action, Result: the Obstacle is read as the Task. */
  soar: { requiredSections: ['situation', 'task', 'action', 'result'] },
};

/** The preset names, for messages and completion. */
export const PRESET_NAMES: readonly string[] = Object.keys(PRESETS);
