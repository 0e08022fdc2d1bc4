import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { landfall } from './cli-harness.ts';
import { describe, expect, it } from 'vitest';
import { REGISTER_COLUMNS } from '../src/render/render-gaps.ts';

const scratch = mkdtempSync(join(tmpdir(), 'landfall-gaps-'));

const json = await landfall('gaps', 'examples/automotive-oem.yaml', '--format', 'json', '--as-of', '2026-11-22');
const register = JSON.parse(json.stdout) as { systems: Array<{ systemId: string; level: number; items: Array<{ id: string; status: string }> }> };

describe('landfall gaps', () => {

  it('analyses every system of the automotive example at its graded level', async () => {
    expect(json.status).toBe(0);
    expect(register.systems.map((system) => [system.systemId, system.level])).toEqual([['dealer-portal', 2], ['telematics', 3], ['ev-remote-service', 3]]);
    const telematics = register.systems[1]!;
    // The telematics platform is an IoT system on a mainland cloud: its register includes the IoT extension.
    expect(telematics.items.some((item) => item.id.startsWith('IOT-'))).toBe(true);
    expect(telematics.items.find((item) => item.id === 'CM-GF-01')?.status).toBe('gap');
  });

  it('prints a Markdown register with coverage, themes, the register and the evidence map', async () => {
    const md = await landfall('gaps', 'examples/automotive-oem.yaml', '--format', 'md', '--system', 'telematics');
    expect(md.status).toBe(0);
    for (const heading of ['# GB/T 22239-2019 gap register: Example Motors GmbH', '### Coverage', '### Gaps by jurisdiction theme', '### Register', '### Existing evidence and the MLPS items it serves', '### Cloud provider items (inherited, not counted)']) {
      expect(md.stdout).toContain(heading);
    }
    expect(md.stdout).toContain('| 8.1.4.1 a) | `CE-IA-01`');
    expect(md.stdout).not.toContain('Dealer and customer portal (`dealer-portal`)');
  });

  it('prints how much carries over: the sentence per system, the measures and the practitioners\' range', async () => {
    const md = await landfall('gaps', 'examples/automotive-oem.yaml', '--format', 'md', '--as-of', '2026-11-22');
    expect(md.status).toBe(0);
    const full = JSON.parse(json.stdout) as { systems: Array<{ systemName: string; carryOver: { sentence: string; metAsIs: number; metAsIsPercent: number } }> };
    for (const system of full.systems) {
      expect(system.carryOver.sentence).toMatch(/^At level \d, \d+% of the \d+ items carry over from ISO 27001 and SOC 2 as they stand, \d+% once existing controls are repositioned in the mainland \(practitioners estimate \d+-\d+% at level \d\); the biggest gaps are .+ \(\d+ of \d+ items\), .+ \(\d+\) and .+ \(\d+\)\.$/);
      expect(md.stdout).toContain(`- **${system.systemName}**: ${system.carryOver.sentence}`);
      expect(md.stdout).toContain(`| Met by existing controls as they stand (the headline) | ${system.carryOver.metAsIs} | ${system.carryOver.metAsIsPercent}% |`);
    }
    expect(md.stdout).toContain('### How much carries over');
    expect(md.stdout).toContain("Practitioners' range for level 2: 60-80%");
  });

  it('writes the register as CSV and as an XLSX workbook with one row per system and item', async () => {
    const csv = await landfall('gaps', 'examples/automotive-oem.yaml', '--format', 'csv');
    expect(csv.status).toBe(0);
    const rows = parse(csv.stdout, { columns: true }) as Array<Record<string, string>>;
    const total = register.systems.reduce((sum, system) => sum + system.items.length, 0);
    expect(rows).toHaveLength(total);
    expect(Object.keys(rows[0]!)).toEqual([...REGISTER_COLUMNS]);
    const out = join(scratch, 'gaps.xlsx');
    const xlsx = await landfall('gaps', 'examples/automotive-oem.yaml', '--format', 'xlsx', '--out', out);
    expect(xlsx.status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Register', 'Coverage', 'Carry-over', 'Themes', 'Evidence']);
    const carry = workbook.getWorksheet('Carry-over')!;
    expect(carry.rowCount).toBe(register.systems.length + 1);
    const carried = JSON.parse(json.stdout) as { systems: Array<{ carryOver: { metAsIs: number; sentence: string } }> };
    expect(carry.getRow(2).getCell(4).value).toBe(carried.systems[0]!.carryOver.metAsIs);
    expect(carry.getRow(2).getCell(15).value).toBe(carried.systems[0]!.carryOver.sentence);
    const sheet = workbook.getWorksheet('Register')!;
    expect(sheet.rowCount).toBe(total + 1);
    expect(sheet.getRow(1).getCell(6).value).toBe('item');
    expect(readdirSync(scratch).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('exits 2 with the problem path on a bad level, system or format, and writes nothing', async () => {
    const level = await landfall('gaps', 'examples/automotive-oem.yaml', '--level', '5');
    expect(level.status).toBe(2);
    expect(level.stderr).toContain('--level: expected a level from 1 to 4');
    const system = await landfall('gaps', 'examples/automotive-oem.yaml', '--system', 'nope');
    expect(system.status).toBe(2);
    expect(system.stderr).toContain('--system: no system "nope" in the profile; systems: dealer-portal, telematics, ev-remote-service');
    const format = await landfall('gaps', 'examples/automotive-oem.yaml', '--format', 'pdf', '--out', join(scratch, 'x.pdf'));
    expect(format.status).toBe(2);
    expect(existsSync(join(scratch, 'x.pdf'))).toBe(false);
  });
});

describe('landfall export', () => {
  it('writes the OSCAL documents and the CISO Assistant libraries', async () => {
    const oscal = await landfall('export', 'oscal', '--out', join(scratch, 'oscal'));
    expect(oscal.status).toBe(0);
    expect(readdirSync(join(scratch, 'oscal')).sort()).toEqual([
      'landfall-gbt22239-2019-catalog.json', 'landfall-iso27001-2022-catalog.json', 'landfall-mapping-iso27001-2022--gbt22239-2019.json',
      'landfall-mapping-soc2-2017--gbt22239-2019.json', 'landfall-soc2-2017-catalog.json',
    ]);
    expect(JSON.parse(readFileSync(join(scratch, 'oscal', 'landfall-gbt22239-2019-catalog.json'), 'utf8')).catalog.metadata['oscal-version']).toBe('1.2.1');
    const ciso = await landfall('export', 'ciso-assistant', '--out', join(scratch, 'ciso'), '--library-version', '3');
    expect(ciso.status).toBe(0);
    expect(readdirSync(join(scratch, 'ciso')).sort()).toEqual(['gbt22239-2019.yaml', 'mapping-iso27001-2022-to-gbt22239-2019.yaml', 'mapping-soc2-2017-to-gbt22239-2019.yaml']);
    expect(readFileSync(join(scratch, 'ciso', 'gbt22239-2019.yaml'), 'utf8')).toContain('version: 3');
    const bad = await landfall('export', 'stix', '--out', join(scratch, 'stix'));
    expect(bad.status).toBe(2);
    expect(existsSync(join(scratch, 'stix'))).toBe(false);
  });
});
