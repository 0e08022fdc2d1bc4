// Rewrites the derived block of docs/CONTROLS.md from the catalogue and crosswalks.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { engineText } from '../src/i18n/messages.ts';
import { lawBook } from '../src/content/load-content.ts';
import { catalogStats } from '../src/core/controls/catalog-stats.ts';
import { exampleCarryOver, referenceCoverage } from '../src/core/controls/reference-coverage.ts';
import { parseProfileText } from '../src/content/parse-profile-text.ts';
import { renderCatalogStats, replaceDerivedBlock } from '../src/render/render-catalog-stats.ts';

const path = new URL('../docs/CONTROLS.md', import.meta.url);
const library = lawBook().controls;
const examplesDir = new URL('../examples/', import.meta.url);
const examples = readdirSync(examplesDir)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => {
    const parsed = parseProfileText(readFileSync(new URL(name, examplesDir), 'utf8'), name);
    if (!parsed.ok) throw new Error(`examples/${name} does not parse`);
    return { name, profile: parsed.value };
  });
const updated = replaceDerivedBlock(readFileSync(path, 'utf8'), renderCatalogStats(catalogStats(library), referenceCoverage(library, engineText()), exampleCarryOver(library, examples, engineText())));
writeFileSync(path, updated);
process.stdout.write('docs/CONTROLS.md: derived block rewritten\n');
