// Rewrites the derived block of docs/CONTROLS.md from the catalogue and crosswalks.
import { readFileSync, writeFileSync } from 'node:fs';
import { lawBook } from '../src/content/load-content.ts';
import { catalogStats } from '../src/core/controls/catalog-stats.ts';
import { referenceCoverage } from '../src/core/controls/reference-coverage.ts';
import { renderCatalogStats, replaceDerivedBlock } from '../src/render/render-catalog-stats.ts';

const path = new URL('../docs/CONTROLS.md', import.meta.url);
const library = lawBook().controls;
const updated = replaceDerivedBlock(readFileSync(path, 'utf8'), renderCatalogStats(catalogStats(library), referenceCoverage(library)));
writeFileSync(path, updated);
process.stdout.write('docs/CONTROLS.md: derived block rewritten\n');
