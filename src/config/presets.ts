import { FRAMEWORK_NAMES } from '../core/frameworks';
import type { StarCoachOptions } from '../engine/options';

/**
 * Named configurations a `.starcoachrc.json` can extend: `"extends": "car"`. Each preset
 * is a plain options object, laid under the file's own options. There is one per answer
 * framework (src/core/frameworks.json), setting the `framework` option, so the required
 * parts and the framework's own label words (CAR's Challenge, SOAR's Obstacle) come from
 * the one table the reader uses.
 */
export const PRESETS: Readonly<Record<string, StarCoachOptions>> = Object.fromEntries(FRAMEWORK_NAMES.map((name) => [name, { framework: name }]));

/** The preset names, for messages and completion. */
export const PRESET_NAMES: readonly string[] = Object.keys(PRESETS);

