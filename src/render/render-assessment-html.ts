// Renders an assessment as a standalone HTML page. The body is the Markdown report converted by
// markdown-it with raw HTML disabled, so text from a profile is always escaped, never markup.
import MarkdownIt from 'markdown-it';
import type { Assessment } from '../core/assess/assessment-schema.ts';
import { translator, type Locale } from '../i18n/messages.ts';
import { renderAssessmentMarkdown } from './render-assessment-markdown.ts';

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false })
  // Landfall's documents hold no links or images, so none can be smuggled in either, whatever
  // escaping misses (escapeMarkdown is the first defence; the Markdown download relies on it).
  .disable(['link', 'image', 'reference', 'autolink']);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

const STYLE = `
  :root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --accent: #9b1c1c; }
  body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); max-width: 1100px; margin: 2rem auto; padding: 0 1.5rem; }
  h1 { font-size: 1.7rem; border-bottom: 3px solid var(--accent); padding-bottom: .4rem; }
  h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
  h3 { font-size: 1.05rem; margin-top: 1.4rem; }
  table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .92rem; }
  th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
  th { background: #f3f5f8; }
  em { color: var(--muted); font-style: normal; font-size: .9em; }
  code { background: #f3f5f8; padding: 0 .25rem; border-radius: 3px; }
  li { margin: .2rem 0; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table { break-inside: avoid; } }
`;

/** The assessment as a standalone page, its own words in `locale` (default English); see renderAssessmentMarkdown. */
export function renderAssessmentHtml(assessment: Assessment, locale: Locale = 'en'): string {
  const t = translator(locale);
  const body = markdown.render(renderAssessmentMarkdown(assessment, locale));
  return `<!doctype html>
<html lang="${escapeHtml(t('assessment.html.lang'))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('assessment.html.title', { organisation: escapeHtml(assessment.profile.organisation), asOf: escapeHtml(assessment.asOf) })}</title>
<style>${STYLE}</style>
</head>
<body>
${body}</body>
</html>
`;
}
