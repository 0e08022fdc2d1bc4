// Rewrites src/core/law/content-ids.ts from content/ (`npm run content:ids`).
import { writeFileSync } from 'node:fs';
import { loadLawBook } from '../src/content/load-content.ts';
import { CONTENT_IDS_FILE, contentIdsSource } from '../src/content/content-ids.ts';

writeFileSync(CONTENT_IDS_FILE, contentIdsSource(loadLawBook()));
console.log(`wrote ${CONTENT_IDS_FILE}`);
