/**
 * The settings schema in package.json is generated from the rule list, so a new rule
 * can never be missing from Settings. `npm run gen:manifest` writes it; a unit test
 * fails when package.json is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEVERITY_SETTINGS } from '../src/engine/options';
import { RULES } from '../src/rules';

const PACKAGE_JSON = join(__dirname, '..', 'package.json');

/** `starCoach.severity.<alias>` settings, one per rule, in rule order. */
export function severitySettings(): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const rule of RULES) {
    settings[`starCoach.severity.${rule.alias}`] = {
      type: 'string',
      enum: [...SEVERITY_SETTINGS],
      enumDescriptions: ['Do not report', 'Report as a hint (faint dots, not in the Problems view)', 'Report as information (blue)', 'Report as a warning (yellow)', 'Report as an error (red)'],
      default: rule.defaultSeverity,
      markdownDescription: `${rule.id} \`${rule.alias}\`: ${rule.description} [Docs](https://github.com/star-coach/star-coach/blob/main/docs/rules/${rule.alias}.md)`,
      scope: 'resource',
    };
  }
  return settings;
}

/** package.json with the generated settings in place of the old ones. */
export function generatedManifest(): string {
  const manifest = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8'));
  const properties: Record<string, unknown> = manifest.contributes.configuration.properties;
  const kept = Object.fromEntries(Object.entries(properties).filter(([key]) => !key.startsWith('starCoach.severity.')));
  manifest.contributes.configuration.properties = { ...severitySettings(), ...kept };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(PACKAGE_JSON, generatedManifest());
  console.log('package.json: settings schema regenerated from the rule list');
}
