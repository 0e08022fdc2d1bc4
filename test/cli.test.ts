import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { landfall } from './cli-harness.ts';
import { describe, expect, it } from 'vitest';
import { assessmentSchema } from '../src/core/assess/assessment-schema.ts';

const scratch = mkdtempSync(join(tmpdir(), 'landfall-cli-'));

describe('landfall CLI', () => {
  it('assess prints contract JSON when piped, with exit 0', async () => {
    const run = await landfall('assess', 'examples/automotive-oem.yaml', '--as-of', '2026-11-22');
    expect(run.status).toBe(0);
    const assessment = assessmentSchema.parse(JSON.parse(run.stdout));
    expect(assessment.asOf).toBe('2026-11-22');
    expect(assessment.organisation.cbdt.regime.id).toBe('cn.cbdt.provisions-2024');
  });

  it('assess renders Markdown and HTML on request', async () => {
    const md = await landfall('assess', 'examples/automotive-oem.yaml', '--format', 'md', '--as-of', '2023-06-15');
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('# China entry assessment: Example Motors GmbH');
    expect(md.stdout).toContain('Assessment Measures 2022');
    const html = await landfall('assess', 'examples/automotive-oem.yaml', '--format', 'html');
    expect(html.status).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/);
  });

  it('lists every problem with its path and exits 2 on an invalid profile', async () => {
    const file = join(scratch, 'bad.yaml');
    writeFileSync(file, 'organisation:\n  name: X\nsystems:\n  - id: a\n    impact:\n      businessInformation: { object: citizens_and_organisations, degree: bad }\n      systemService: { object: nowhere, degree: general }\n');
    const run = await landfall('assess', file);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('systems[0].impact.businessInformation.degree: expected one of general, serious, especially_serious');
    expect(run.stderr).toContain('systems[0].impact.systemService.object: expected one of citizens_and_organisations');
    expect(run.stdout).toBe('');
  });

  it('refuses --as-of before 2022-09-01 and malformed dates with exit 2', async () => {
    const early = await landfall('assess', 'examples/automotive-oem.yaml', '--as-of', '2022-08-31');
    expect(early.status).toBe(2);
    expect(early.stderr).toContain('before 2022-09-01');
    expect((await landfall('assess', 'examples/automotive-oem.yaml', '--as-of', '2026-13-01')).status).toBe(2);
    expect((await landfall('assess', 'examples/automotive-oem.yaml', '--format', 'pdf')).status).toBe(2);
  });

  it('exits 2 on a missing file', async () => {
    const run = await landfall('assess', join(scratch, 'missing.yaml'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('ENOENT');
  });

  it('prints the JSON Schemas', async () => {
    const profile = JSON.parse((await landfall('schema', 'profile')).stdout);
    expect(profile.title).toContain('entry profile');
    expect(profile.properties.organisation.required).toEqual(['name']);
    const assessment = JSON.parse((await landfall('schema', 'assessment')).stdout);
    expect(assessment.properties.organisation.properties.cbdt.properties.mechanism.enum).toEqual(['none', 'exempt', 'standard_contract_or_certification', 'security_assessment']);
    expect((await landfall('schema', 'nonsense')).status).toBe(2);
  });

  it('check-content validates content and code references', async () => {
    const run = await landfall('check-content');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/content [0-9a-f]{12}: ok/);
  });
});
