// Code names content by typed ids (src/core/law/content-ids.ts, generated from content/), so tsc
// refuses an instrument, provision or parameter content/ lacks. The generated file must match
// content/, and `landfall check-content` says so when it does not.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_IDS_FILE, contentIdsCurrent, contentIdsSource } from '../src/content/content-ids.ts';
import { book } from './helpers.ts';

describe('typed content ids', () => {
  it('match content/ (run npm run content:ids after adding an instrument, provision or parameter)', () => {
    expect(readFileSync(CONTENT_IDS_FILE, 'utf8')).toBe(contentIdsSource(book));
    expect(contentIdsCurrent(book)).toBe(true);
  });

  it('hold every id of the law book, and a stale file is noticed', () => {
    const source = contentIdsSource(book);
    for (const id of [...book.instruments.keys(), ...book.provisions.keys(), ...book.parameters.keys()]) expect(source).toContain(`| '${id}'`);
    const dir = mkdtempSync(join(tmpdir(), 'landfall-ids-'));
    const stale = join(dir, 'content-ids.ts');
    writeFileSync(stale, source.replace("  | 'cn.pipl'\n", ''));
    expect(contentIdsCurrent(book, stale)).toBe(false);
    cpSync(CONTENT_IDS_FILE, stale);
    expect(contentIdsCurrent(book, stale)).toBe(true);
  });
});
