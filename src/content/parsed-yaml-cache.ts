// Parsing the content YAML (about 600 KB) takes several hundred milliseconds with the yaml
// package; JSON takes a few. Parsed files are kept in node_modules/.cache/landfall, keyed by the
// SHA-256 of each file's text, so an edited file is parsed again and an unchanged one is not.
// The cache is an optimisation only: unreadable, corrupt or unwritable caches are ignored.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/landfall/', import.meta.url));
const CACHE_FILE = join(CACHE_DIR, 'content-yaml-v1.json');

export class ParsedYamlCache {
  private readonly entries: Record<string, unknown>;
  private readonly used: Record<string, unknown> = {};
  private misses = 0;

  constructor(private readonly file = CACHE_FILE) {
    let entries: Record<string, unknown> = {};
    try {
      const loaded: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (loaded != null && typeof loaded === 'object' && !Array.isArray(loaded)) entries = loaded as Record<string, unknown>;
    } catch {
      // No cache yet, or an unreadable one: parse everything.
    }
    this.entries = entries;
  }

  /** The parsed YAML of a text; throws the parser's error for invalid YAML (never cached). */
  parse(text: string): unknown {
    const key = createHash('sha256').update(text).digest('hex');
    if (Object.hasOwn(this.entries, key)) {
      this.used[key] = this.entries[key];
      return structuredClone(this.entries[key]);
    }
    const data: unknown = parseYaml(text);
    this.misses += 1;
    this.used[key] = data;
    return structuredClone(data);
  }

  /** Writes the entries used in this load, when anything was parsed afresh. */
  save(): void {
    if (this.misses === 0) return;
    try {
      mkdirSync(join(this.file, '..'), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(this.used));
      renameSync(temporary, this.file);
    } catch {
      // A read-only install simply parses every time.
    }
  }
}
