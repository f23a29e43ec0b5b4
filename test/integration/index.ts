/** Entry point VS Code's extension host calls: runs every *.test.js next to it under mocha. */
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Rejects on a failed test, on an `.only` left in a test, and when there is nothing to run. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, forbidOnly: true });
  const files = readdirSync(__dirname).filter((name) => name.endsWith('.test.js'));
  if (files.length === 0) return Promise.reject(new Error(`no integration test files (*.test.js) in ${__dirname}`));
  for (const file of files) mocha.addFile(join(__dirname, file));
  // STAR_INTEGRATION_GREP=text runs only the tests whose titles contain it (while working on one).
  if (process.env.STAR_INTEGRATION_GREP) mocha.grep(process.env.STAR_INTEGRATION_GREP);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else if (runner.stats && runner.stats.passes === 0) reject(new Error(`no integration test ran (files: ${files.join(', ')})`));
      else resolve();
    });
  });
}
