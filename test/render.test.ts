import { describe, expect, it } from 'vitest';
import { renderAssessmentHtml } from '../src/render/render-assessment-html.ts';
import { renderAssessmentMarkdown } from '../src/render/render-assessment-markdown.ts';
import { assess, profile, system, transfer } from './helpers.ts';

const hostile = assess(profile({
  organisation: { name: '<script>alert(1)</script> **Evil** | Co' },
  systems: [system({ name: '<img src=x onerror=alert(1)> [link](javascript:alert(1))' })],
  transfers: [transfer({ nonSensitiveIndividuals: 150_000 })],
}));

describe('renderers', () => {
  it('escape untrusted profile text in Markdown', () => {
    const md = renderAssessmentMarkdown(hostile);
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('\\](javascript');
  });

  it('never emit profile text as HTML markup', () => {
    const html = renderAssessmentHtml(hostile);
    expect(html).not.toMatch(/<script>alert/);
    expect(html).not.toMatch(/<img /);
    expect(html).not.toMatch(/href="javascript/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('render every determination with its citations', () => {
    const md = renderAssessmentMarkdown(assess(profile({ transfers: [transfer({ nonSensitiveIndividuals: 150_000 })] })));
    for (const heading of ['## Headlines', '## Findings', '## Cross-border transfer of personal information', '## Critical information infrastructure', '### MLPS: level 2', '### ICP: ICP filing', '### Hosting:', '## Timeline', '## Open questions', '## Rules applied']) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('CBDT Provisions 2024 Art. 8');
    // The snapshot pins rendered text; the content digest changes with every content edit.
    expect(md.replace(/content [0-9a-f]{12}/, 'content <digest>')).toMatchSnapshot();
  });
});
