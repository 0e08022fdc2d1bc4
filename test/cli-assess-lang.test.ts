// `landfall assess --lang`: the assessment and its report in Chinese or English, and a clear error
// for any other language.
import { describe, expect, it } from 'vitest';
import { landfall } from './cli-harness.ts';
import { renderAssessmentHtml } from '../src/render/render-assessment-html.ts';
import { renderAssessmentMarkdown } from '../src/render/render-assessment-markdown.ts';
import { lawBook } from '../src/content/load-content.ts';
import { assessProfile } from '../src/core/assess/assess-profile.ts';
import { engineText } from '../src/i18n/messages.ts';
import { profile, system } from './helpers.ts';

describe('landfall assess --lang', () => {
  it('writes the Markdown report in Chinese with --lang zh-CN, and in English by default or with --lang en', async () => {
    const zh = await landfall('assess', 'examples/b2b-saas.yaml', '--format', 'md', '--lang', 'zh-CN', '--as-of', '2026-12-01');
    expect(zh.status).toBe(0);
    for (const heading of ['## 要点', '## 个人信息出境', '## 关键信息基础设施', '## 时间表', '## 处罚风险', '## 适用的规则']) expect(zh.stdout).toContain(heading);
    for (const heading of ['## Headlines', '## Cross-border transfer of personal information', '## Timeline', '## Rules applied']) expect(zh.stdout).not.toContain(heading);
    // The engine's prose is Chinese too, and the rules carry the instruments' Chinese titles.
    expect(zh.stdout).toContain('评估日适用哪一套规则？');
    expect(zh.stdout).toContain('《个人信息保护法》');
    const english = await landfall('assess', 'examples/b2b-saas.yaml', '--format', 'md', '--as-of', '2026-12-01');
    const explicit = await landfall('assess', 'examples/b2b-saas.yaml', '--format', 'md', '--lang', 'en', '--as-of', '2026-12-01');
    expect(english.stdout).toContain('## Headlines');
    expect(english.stdout).toContain('Which regime governs on this date?');
    expect(explicit.stdout).toBe(english.stdout);
  });

  it('writes the HTML page and the JSON in Chinese', async () => {
    const html = await landfall('assess', 'examples/consumer-ecommerce.yaml', '--format', 'html', '--lang', 'zh-CN', '--as-of', '2026-12-01');
    expect(html.status).toBe(0);
    expect(html.stdout).toContain('<html lang="zh-CN">');
    expect(html.stdout).toContain('<title>中国市场准入评估：');
    expect(html.stdout).toContain('<h2>个人信息出境</h2>');
    const json = await landfall('assess', 'examples/consumer-ecommerce.yaml', '--format', 'json', '--lang', 'zh-CN', '--as-of', '2026-12-01');
    expect(json.status).toBe(0);
    const assessment = JSON.parse(json.stdout);
    expect(assessment.organisation.cbdt.trace[0].step).toBe('评估日适用哪一套规则？');
    const english = JSON.parse((await landfall('assess', 'examples/consumer-ecommerce.yaml', '--format', 'json', '--as-of', '2026-12-01')).stdout);
    // The language changes the prose, never the answers.
    expect(assessment.organisation.cbdt.mechanism).toBe(english.organisation.cbdt.mechanism);
    expect(assessment.systems.map((s: { hosting: { recommendation: string } }) => s.hosting.recommendation)).toEqual(english.systems.map((s: { hosting: { recommendation: string } }) => s.hosting.recommendation));
  });

  it('refuses another language, naming the ones there are', async () => {
    const run = await landfall('assess', 'examples/b2b-saas.yaml', '--format', 'md', '--lang', 'fr');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--lang: expected one of en, zh-CN; received "fr"');
    expect(run.stdout).toBe('');
  });

  it('escapes untrusted profile text in the Chinese report too', () => {
    const hostile = assessProfile(lawBook(), profile({ organisation: { name: '<script>alert(1)</script> **Evil** | Co' }, systems: [system({ name: '<img src=x onerror=alert(1)> [link](javascript:alert(1))' })] }), '2026-12-01', engineText('zh-CN'));
    const md = renderAssessmentMarkdown(hostile, 'zh-CN');
    expect(md).toContain('# 中国市场准入评估：\\<script\\>alert(1)\\</script\\> \\*\\*Evil\\*\\* \\| Co');
    expect(md).not.toMatch(/(?<!\\)<(script|img)/);
    expect(md).toContain('\\](javascript');
    const html = renderAssessmentHtml(hostile, 'zh-CN');
    expect(html).not.toMatch(/<script>alert|<img |href="javascript/);
    expect(html).toContain('<title>中国市场准入评估：&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
