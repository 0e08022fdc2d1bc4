// The engine writes its prose in the assessment's language. In zh-CN, every sentence of a converted
// determination is Chinese: a run of English words there means a message was built outside the
// catalogues. In English, the output is the same as the English catalogue gives (the digest check
// in bench/assess-digest.ts holds it byte-identical across the portfolio).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assess, loadLawBook } from '../src/index.ts';
import { catalogue } from '../src/i18n/messages.ts';
import { DEFAULT_REASON_KEY, profileSchema } from '../src/core/profile/profile-schema.ts';

const EXAMPLES = join(import.meta.dirname, '..', 'examples');
const examples = readdirSync(EXAMPLES).filter((file) => file.endsWith('.yaml'));

/**
 * The parts of the assessment whose prose the engine writes from the catalogues, as paths with `*`
 * for every element of an array. Each converted determination is listed here.
 */
const CONVERTED = ['warnings', 'systems.*.jurisdiction', 'systems.*.mlps', 'organisation.cii', 'organisation.networkData', 'systems.*.incidentReporting', 'organisation.cbdt', 'systems.*.algorithms', 'systems.*.sensitivePi', 'organisation.cybersecurityReview', 'organisation.vehicleStandards', 'systems.*.icp', 'systems.*.hosting', 'organisation.sectorRules', 'systems.*.sectorRules', 'exposure', 'timeline', 'organisation.piVolumeDuties', 'systems.*.localisation', 'organisation.jurisdiction', 'findings', 'openQuestions'];

/** Parts inside a converted determination whose prose comes from elsewhere and is not yet converted. */
const PENDING = new Set<string>([]);

/** Prose fields inside a determination: the text the engine writes, not ids, enums or facts. */
const PROSE_KEYS = new Set(['step', 'result', 'title', 'detail', 'message', 'legalReviewReasons', 'applicability', 'question', 'reason', 'summary', 'note', 'action']);

function at(value: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [value];
  const [head, ...rest] = path;
  if (value == null || typeof value !== 'object') return [];
  if (head === '*') return Array.isArray(value) ? value.flatMap((item) => at(item, rest)) : [];
  return at((value as Record<string, unknown>)[head!], rest);
}

function prose(value: unknown, key: string | null, out: string[]): string[] {
  if (typeof value === 'string') {
    if (key != null && PROSE_KEYS.has(key)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) prose(item, key, out);
  } else if (value != null && typeof value === 'object') {
    for (const [child, item] of Object.entries(value)) {
      // Citations (a timeline track's `basis` is its citations) carry the instrument's own title, Chinese where content has one.
      if (child === 'citation' || child === 'citations' || child === 'basis' || child === 'facts' || PENDING.has(child)) continue;
      prose(item, child, out);
    }
  }
  return out;
}

/** Three or more English words in a row (ids, standard numbers and acronyms aside). */
const ENGLISH_RUN = /\b[A-Za-z][a-z]+(?:[ ,;:-]+[A-Za-z][a-z]+){2,}\b/;

describe('the engine in zh-CN', async () => {
  const lawBook = await loadLawBook();
  for (const file of examples) {
    it(`writes the converted determinations of ${file} in Chinese`, () => {
      const profile = parseYaml(readFileSync(join(EXAMPLES, file), 'utf8'));
      const names = new Set<string>();
      for (const system of (profile.systems ?? []) as Array<{ id: string; name?: string }>) {
        names.add(system.id);
        if (system.name) names.add(system.name);
      }
      if (profile.organisation?.name) names.add(profile.organisation.name);
      for (const transfer of (profile.transfers ?? []) as Array<{ id: string }>) names.add(transfer.id);
      const chinese = assess(profile, { asOf: '2026-12-01', lawBook, locale: 'zh-CN' });
      const english = assess(profile, { asOf: '2026-12-01', lawBook });
      // Integrations and their mainland alternatives are named as the knowledge file names them (findings list them).
      for (const name of at(chinese, ['systems', '*', 'localisation', '*']).flatMap((item) => { const { name: own, alternativeNames } = item as { name: string; alternativeNames: string[] }; return [own, ...alternativeNames]; })) names.add(name);
      // Longest first, so an id inside a system's name does not break the name.
      const quoted = [...names].sort((a, b) => b.length - a.length);
      let checked = 0;
      for (const path of CONVERTED) {
        for (const text of at(chinese, path.split('.')).flatMap((part) => prose(part, path.split('.').at(-1)!, []))) {
          let stripped = text;
          for (const known of quoted) stripped = stripped.replaceAll(known, '');
          expect(stripped, `${file} ${path}: ${text}`).not.toMatch(ENGLISH_RUN);
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(0);
      // The language changes the prose, never the answers.
      expect(chinese.systems.map((system) => [system.id, system.mlps.level, system.mlps.obligations.map((o) => o.id)])).toEqual(english.systems.map((system) => [system.id, system.mlps.level, system.mlps.obligations.map((o) => o.id)]));
    });
  }

  it('every integration of the knowledge file has its Chinese summary', () => {
    expect([...lawBook.integrations.values()].filter((integration) => !integration.summaryZh).map((integration) => integration.id)).toEqual([]);
  });

  it('gives every profile default its reason in both languages, the English as the schema words it', () => {
    const english = catalogue('en');
    const chinese = catalogue('zh-CN');
    const reasons: Array<[string, string]> = [];
    const walk = (schema: z.core.$ZodType, path: string): void => {
      const def = schema._zod.def;
      if (def.type === 'object') {
        for (const [key, field] of Object.entries((def as z.core.$ZodObjectDef).shape)) {
          const fieldPath = path === '' ? key : `${path}.${key}`;
          const reason = (z.globalRegistry.get(field as z.ZodType) as Record<string, unknown> | undefined)?.[DEFAULT_REASON_KEY];
          if (reason !== undefined) reasons.push([fieldPath, String(reason)]);
          walk(field, fieldPath);
        }
      } else if (def.type === 'array') walk((def as z.core.$ZodArrayDef).element, path);
      else if (def.type === 'default' || def.type === 'prefault' || def.type === 'optional' || def.type === 'nullable') walk((def as z.core.$ZodDefaultDef).innerType, path);
    };
    walk(profileSchema, '');
    expect(reasons.length).toBeGreaterThan(40);
    for (const [path, reason] of reasons) {
      expect(english[`engine.defaults.${path}`], path).toBe(reason);
      expect(chinese[`engine.defaults.${path}`], path).toMatch(/\p{Script=Han}/u);
    }
  });

  it('a planted English sentence fails the check', () => {
    expect('对国家安全造成 serious harm to people').toMatch(ENGLISH_RUN);
    expect('第 3 级，GB/T 22239-2019，ICP 备案').not.toMatch(ENGLISH_RUN);
  });
});
