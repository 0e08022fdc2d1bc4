// The example profiles shipped in examples/: the demo engagements on first start and the
// "start from an example" choice in the workbench.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseProfileText } from '../content/parse-profile-text.ts';

const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

export interface ExampleProfile {
  /** The file name without .yaml, e.g. automotive-oem. */
  id: string;
  organisation: string;
  sectors: string[];
  systems: number;
  transfers: number;
  /** The YAML text, comments included. */
  text: string;
  value: unknown;
}

let cached: ExampleProfile[] | undefined;

/** Every example, parsed; an example that does not parse is a packaging error and throws. */
export function listExamples(): ExampleProfile[] {
  cached ??= readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(EXAMPLES_DIR, file), 'utf8');
      const parsed = parseProfileText(text, file);
      if (!parsed.ok) throw new Error(`example ${file} does not parse`);
      const value = parsed.value as { organisation?: { name?: string; sectors?: string[] }; systems?: unknown[]; transfers?: unknown[] };
      return {
        id: file.replace(/\.yaml$/, ''),
        organisation: (value.organisation?.name ?? file).trim(),
        sectors: value.organisation?.sectors ?? [],
        systems: value.systems?.length ?? 0,
        transfers: value.transfers?.length ?? 0,
        text,
        value: parsed.value,
      };
    });
  return cached;
}
