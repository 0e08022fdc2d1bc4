// Runs every situation test in content/tests/ (a base profile, then per case a date, the facts
// that differ and the values expected); see src/content/situation-tests.ts for the format.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseProfile, loadSituationTests, valueAtPath } from '../src/content/situation-tests.ts';
import { assess } from './helpers.ts';

const { files, problems } = loadSituationTests(join(import.meta.dirname, '..', 'content', 'tests'));

describe('situation tests in content/tests', () => {
  it('are well-formed', () => {
    expect(problems).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  for (const file of files) {
    describe(`${file.file}: ${file.title}`, () => {
      it.each(file.cases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
        const assessment = assess(caseProfile(file, entry), entry.asOf);
        for (const [path, expected] of Object.entries(entry.expect)) {
          const actual = valueAtPath(assessment, path);
          // null expects the value to be absent (or null): a duty that must not be there.
          if (expected === null) expect(actual ?? null, path).toBeNull();
          else if (typeof expected === 'object') expect(actual, path).toMatchObject(expected as object);
          else expect(actual, path).toEqual(expected);
        }
      });
    });
  }

  it('fails a case whose expectation is wrong, and a path that does not exist', () => {
    const file = files.find((candidate) => candidate.file.endsWith('cbdt-2024-thresholds.yaml'))!;
    const entry = { ...file.cases[2]!, expect: { 'organisation.cbdt.mechanism': 'exempt' } };
    expect(valueAtPath(assess(caseProfile(file, entry), entry.asOf), 'organisation.cbdt.mechanism')).not.toBe('exempt');
    expect(valueAtPath(assess(caseProfile(file, entry), entry.asOf), 'systems[nope].mlps.level')).toBeUndefined();
    expect(() => caseProfile(file, { ...entry, set: { 'transfers[missing].nonSensitiveIndividuals': 1 } })).toThrow(/no element "missing"/);
  });
});
