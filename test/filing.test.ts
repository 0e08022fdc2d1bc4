// Filing packs: the MLPS grading report of every system of every example, in English and Chinese,
// as Markdown, JSON and DOCX (opened and read), with the fields the profile cannot fill marked.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { landfall } from './cli-harness.ts';

const ROOT = join(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'landfall-filing-'));
const examples = readdirSync(join(ROOT, 'examples')).filter((name) => name.endsWith('.yaml')).sort();
const systemsOf = (file: string) => (parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) as { systems: Array<{ id: string }> }).systems.map((system) => system.id);

describe('landfall filing mlps-grading', () => {
  it.each(examples.flatMap((file) => systemsOf(file).map((system) => [file, system] as const)))('%s, system %s, in both languages and every format', async (file, system) => {
    const json = JSON.parse((await landfall('filing', 'mlps-grading', `examples/${file}`, '--system', system, '--as-of', '2026-12-01', '--format', 'json')).stdout) as { level: number; businessInformation: { level: number }; systemService: { level: number } };
    expect(json.level).toBe(Math.max(json.businessInformation.level, json.systemService.level));
    for (const lang of ['en', 'zh-CN'] as const) {
      const md = await landfall('filing', 'mlps-grading', `examples/${file}`, '--system', system, '--lang', lang, '--as-of', '2026-12-01', '--format', 'md');
      expect(md.status).toBe(0);
      expect(md.stdout).toContain(lang === 'zh-CN' ? '安全保护等级定级报告' : 'MLPS grading report');
      expect(md.stdout).toContain(lang === 'zh-CN' ? `第${'一二三四五'[json.level - 1]}级` : `Level ${json.level}`);
      expect(md.stdout).toContain(lang === 'zh-CN' ? '【待顾问填写：' : '[To be completed by the consultant:');
      const out = join(scratch, `${file}-${system}-${lang}.docx`);
      expect((await landfall('filing', 'mlps-grading', `examples/${file}`, '--system', system, '--lang', lang, '--as-of', '2026-12-01', '--format', 'docx', '--out', out)).status).toBe(0);
      const xml = await (await JSZip.loadAsync(readFileSync(out))).file('word/document.xml')!.async('string');
      expect(xml).toContain(lang === 'zh-CN' ? '业务信息安全保护等级的确定' : 'Security protection level of business information');
    }
  });

  it('cites the grading guide by its official Chinese title in Chinese', async () => {
    const md = (await landfall('filing', 'mlps-grading', 'examples/automotive-oem.yaml', '--system', 'telematics', '--lang', 'zh-CN', '--as-of', '2026-12-01', '--format', 'md')).stdout;
    expect(md).toContain('《信息安全技术 网络安全等级保护定级指南》');
    expect(md).toContain('社会秩序、公共利益');
    expect(md).toContain('行踪轨迹');
    expect(md).not.toMatch(/location_tracking|social_order/);
  });

  it('refuses an unknown kind, a missing or unknown system and an unknown language with exit 2', async () => {
    expect((await landfall('filing', 'pipia-draft', 'examples/b2b-saas.yaml')).stderr).toContain('kind: expected one of mlps-grading');
    expect((await landfall('filing', 'mlps-grading', 'examples/automotive-oem.yaml')).stderr).toContain('--system: the profile has 3 systems');
    expect((await landfall('filing', 'mlps-grading', 'examples/automotive-oem.yaml', '--system', 'nope')).stderr).toContain('no system "nope"');
    const lang = await landfall('filing', 'mlps-grading', 'examples/b2b-saas.yaml', '--lang', 'fr');
    expect(lang.status).toBe(2);
    expect(lang.stderr).toContain('--lang');
  });
});
