// Filing packs: the MLPS grading report of every system of every example, in English and Chinese,
// as Markdown, JSON and DOCX (opened and read), with the fields the profile cannot fill marked.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
    expect((await landfall('filing', 'pipia-draft', 'examples/b2b-saas.yaml')).stderr).toContain('kind: expected one of pipia, standard-contract, security-assessment, mlps-grading, mlps-filing');
    expect((await landfall('filing', 'mlps-grading', 'examples/automotive-oem.yaml')).stderr).toContain('--system: the profile has 3 systems');
    expect((await landfall('filing', 'mlps-grading', 'examples/automotive-oem.yaml', '--system', 'nope')).stderr).toContain('no system "nope"');
    const lang = await landfall('filing', 'mlps-grading', 'examples/b2b-saas.yaml', '--lang', 'fr');
    expect(lang.status).toBe(2);
    expect(lang.stderr).toContain('--lang');
  });
});

describe('landfall filing standard-contract', () => {
  it('fills Annex I for each counted transfer and marks the rest, in both languages and as DOCX', async () => {
    const pack = JSON.parse((await landfall('filing', 'standard-contract', 'examples/automotive-oem.yaml', '--as-of', '2026-12-01', '--format', 'json')).stdout) as { transfers: Array<{ transfer: string; scale: { nonSensitiveIndividuals: number }; transferMethod: string; purpose: { toComplete?: string } }> };
    expect(pack.transfers.map((transfer) => transfer.transfer)).toEqual(['crm-sync', 'telematics-engineering-access']);
    expect(pack.transfers[1]).toMatchObject({ scale: { nonSensitiveIndividuals: 300_000 }, transferMethod: 'remote_access', purpose: { toComplete: 'filing.todo.transferPurpose' } });
    const zh = (await landfall('filing', 'standard-contract', 'examples/automotive-oem.yaml', '--lang', 'zh-CN', '--as-of', '2026-12-01', '--format', 'md')).stdout;
    expect(zh).toContain('附录一：出境事项 telematics-engineering-access');
    expect(zh).toContain('境外远程访问境内存储的数据');
    expect(zh).toContain('德国 (DE)');
    expect(zh).toContain('《个人信息出境标准合同办法》');
    const out = join(scratch, 'scc-en.docx');
    expect((await landfall('filing', 'standard-contract', 'examples/automotive-oem.yaml', '--transfer', 'crm-sync', '--as-of', '2026-12-01', '--format', 'docx', '--out', out)).status).toBe(0);
    const xml = await (await JSZip.loadAsync(readFileSync(out))).file('word/document.xml')!.async('string');
    expect(xml).toContain('Annex I, transfer crm-sync');
    expect(xml).not.toContain('telematics-engineering-access');
  });

  it('computes the filing deadline in working days across the Spring Festival and its make-up days', async () => {
    const en = (await landfall('filing', 'standard-contract', 'examples/automotive-oem.yaml', '--as-of', '2026-01-20', '--contract-effective', '2026-02-10', '--format', 'md')).stdout;
    expect(en).toContain('file by 2026-03-02');
    expect(en).toContain('Spring Festival');
    const zh = (await landfall('filing', 'standard-contract', 'examples/automotive-oem.yaml', '--lang', 'zh-CN', '--as-of', '2026-01-20', '--contract-effective', '2027-02-10', '--format', 'md')).stdout;
    expect(zh).toContain('本系统尚无该年度的国务院节假日安排');
  });

  it('refuses where the route is not a standard contract, and an unknown transfer, with exit 2', async () => {
    const assessment = await landfall('filing', 'standard-contract', 'examples/fintech-cii.yaml', '--as-of', '2026-12-01');
    expect(assessment.status).toBe(2);
    expect(assessment.stderr).toContain('security assessment');
    expect((await landfall('filing', 'standard-contract', 'examples/automotive-oem.yaml', '--transfer', 'nope', '--as-of', '2026-12-01')).stderr).toContain('no counted transfer "nope"');
    expect((await landfall('filing', 'standard-contract', 'examples/automotive-oem.yaml', '--contract-effective', 'tomorrow')).stderr).toContain('--contract-effective');
  });
});

describe('landfall filing security-assessment', () => {
  it('lists the materials, the self-assessment outline and validity, in both languages and as DOCX', async () => {
    const zh = (await landfall('filing', 'security-assessment', 'examples/fintech-cii.yaml', '--lang', 'zh-CN', '--as-of', '2026-12-01', '--format', 'md')).stdout;
    expect(zh).toContain('申报材料（《数据出境安全评估办法》第六条）');
    expect(zh).toContain('数据出境风险自评估报告');
    expect(zh).toContain('评估结果有效期为 3 年');
    expect(zh).toContain('需法律复核');
    const en = (await landfall('filing', 'security-assessment', 'examples/mobile-game.yaml', '--as-of', '2026-12-01', '--format', 'md')).stdout;
    expect(en).toContain('Completed no more than 3 months before the declaration.');
    const out = join(scratch, 'sa.docx');
    expect((await landfall('filing', 'security-assessment', 'examples/fintech-cii.yaml', '--lang', 'zh-CN', '--as-of', '2026-12-01', '--format', 'docx', '--out', out)).status).toBe(0);
    const xml = await (await JSZip.loadAsync(readFileSync(out))).file('word/document.xml')!.async('string');
    expect(xml).toContain('风险自评估报告提纲');
    const earlier = (await landfall('filing', 'security-assessment', 'examples/automotive-oem.yaml', '--as-of', '2023-06-15', '--format', 'md')).stdout;
    expect(earlier).toContain('valid 2 years; re-file 60 working days before it expires');
  });

  it('refuses where the route is not a security assessment, with exit 2', async () => {
    const run = await landfall('filing', 'security-assessment', 'examples/b2b-saas.yaml', '--as-of', '2026-12-01');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('applies only where the route is a CAC security assessment');
  });
});

describe('landfall filing mlps-filing', () => {
  it('fills the filing form of a level 3 system with its materials, in both languages', async () => {
    const zh = (await landfall('filing', 'mlps-filing', 'examples/automotive-oem.yaml', '--system', 'telematics', '--lang', 'zh-CN', '--as-of', '2026-12-01', '--format', 'md')).stdout;
    expect(zh).toContain('网络安全等级保护备案表');
    expect(zh).toContain('表四 随备案表提交的材料（第三级以上）');
    expect(zh).toContain('经测评合格的等级测评报告');
    expect(zh).toContain('应在投入运行后 30 日内备案（2027-09-01 上线，最迟 2027-10-01）');
    expect(zh).toContain('| 所属行业 | 汽车 |');
    const en = (await landfall('filing', 'mlps-filing', 'examples/automotive-oem.yaml', '--system', 'dealer-portal', '--as-of', '2026-12-01', '--format', 'md')).stdout;
    expect(en).toContain('Table 3. The grading result');
    expect(en).not.toContain('Table 4.');
    expect(en).toContain('| Sector | automotive |');
  });

  it('refuses a level 1 system with exit 2', async () => {
    const file = join(scratch, 'level-1.yaml');
    writeFileSync(file, 'organisation: { name: Small Co, mainlandEntity: established }\nsystems:\n  - id: brochure\n    hosting: mainland\n    impact:\n      businessInformation: { object: citizens_and_organisations, degree: general }\n      systemService: { object: citizens_and_organisations, degree: general }\n');
    expect((await landfall('filing', 'mlps-grading', file, '--as-of', '2026-12-01', '--format', 'json')).stdout).toContain('"level": 1');
    const run = await landfall('filing', 'mlps-filing', file, '--as-of', '2026-12-01', '--format', 'json');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('only systems of level 2 and above');
  });
});

describe('landfall filing pipia', () => {
  it.each(examples)('%s: the report in both languages, with the Art. 55 cases and a section per transfer', async (file) => {
    const json = JSON.parse((await landfall('filing', 'pipia', `examples/${file}`, '--as-of', '2026-12-01', '--format', 'json')).stdout) as { transfers: Array<{ transfer: string }>; cases: Array<{ id: string; applies: string }> };
    const zh = (await landfall('filing', 'pipia', `examples/${file}`, '--lang', 'zh-CN', '--as-of', '2026-12-01', '--format', 'md')).stdout;
    expect(zh).toContain('个人信息保护影响评估报告');
    expect(zh).toContain('一、开展评估的情形（《个人信息保护法》第五十五条）');
    for (const transfer of json.transfers) expect(zh).toContain(`三、出境事项 ${transfer.transfer}`);
    expect(zh).toContain('应当至少保存 3 年');
    expect(json.cases.find((entry) => entry.id === 'outbound')?.applies).toBe(json.transfers.length > 0 ? 'yes' : 'no');
    const out = join(scratch, `pipia-${file}.docx`);
    expect((await landfall('filing', 'pipia', `examples/${file}`, '--as-of', '2026-12-01', '--format', 'docx', '--out', out)).status).toBe(0);
    expect(await (await JSZip.loadAsync(readFileSync(out))).file('word/document.xml')!.async('string')).toContain('Why an assessment is needed (PIPL Art. 55)');
  });

  it('names the risk factors the profile shows', async () => {
    const en = (await landfall('filing', 'pipia', 'examples/automotive-oem.yaml', '--as-of', '2026-12-01', '--format', 'md')).stdout;
    expect(en).toContain('access from abroad to data stored in the mainland');
    expect(en).toContain('sensitive personal information, whose leak or misuse');
  });
});
