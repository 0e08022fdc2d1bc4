// The law-book snapshot is used only when it was made from the content files as they are: by the
// files' signature (names, sizes, inode times) when untouched, by the fingerprint of their texts
// otherwise, and never after a file changed.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentFingerprint, contentSignature, readCurrentSnapshot, writeSnapshot } from '../src/content/law-book-snapshot.ts';
import { book } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..');
const folders: string[] = [];

function setUp() {
  const folder = mkdtempSync(join(tmpdir(), 'landfall-snapshot-'));
  folders.push(folder);
  const content = join(folder, 'content');
  cpSync(join(ROOT, 'content', 'parameters'), join(content, 'parameters'), { recursive: true });
  cpSync(join(ROOT, 'content', 'instruments.yaml'), join(content, 'instruments.yaml'));
  const file = join(folder, 'lawbook.json');
  writeSnapshot(file, book, contentFingerprint(content), contentSignature(content));
  return { content, file };
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('law-book snapshot', () => {
  it('is used by its signature while the content files are untouched', () => {
    const { content, file } = setUp();
    const read = readCurrentSnapshot(file, content);
    expect(read.book?.contentVersion).toBe(book.contentVersion);
    expect(read.signature).toBe(contentSignature(content));
  });

  it('is not used once a content file changed', () => {
    const { content, file } = setUp();
    appendFileSync(join(content, 'instruments.yaml'), '# edited\n');
    expect(readCurrentSnapshot(file, content).book).toBeUndefined();
  });

  it('is used by the fingerprint of the texts when only the files\' times changed, and then carries the new signature', () => {
    const { content, file } = setUp();
    const before = JSON.parse(readFileSync(file, 'utf8')).signature;
    utimesSync(join(content, 'instruments.yaml'), new Date('2020-01-01'), new Date('2020-01-01'));
    const signature = contentSignature(content);
    expect(signature).not.toBe(before);
    expect(readCurrentSnapshot(file, content).book?.contentVersion).toBe(book.contentVersion);
    expect(JSON.parse(readFileSync(file, 'utf8')).signature).toBe(signature);
  });

  it('is not used when a content file is added', () => {
    const { content, file } = setUp();
    cpSync(join(ROOT, 'content', 'provisions.yaml'), join(content, 'provisions.yaml'));
    expect(readCurrentSnapshot(file, content).book).toBeUndefined();
  });
});
