// The kept annex as a document: header, framing, headline counts, the register by category, the
// diagrams (as tables until the vector renderer lands), open questions, guardrails and the
// decision layer. Markdown first; HTML is the Markdown rendered with raw HTML disabled.
import MarkdownIt from 'markdown-it';
import { deriveAnnex } from '../core/annex/derive-annex.ts';
import { REGISTER_CATEGORIES, type DerivedAnnex } from '../core/annex/annex-types.ts';
import type { StoredAnnexItem } from '../core/annex/merge-annex.ts';
import type { Assessment, CitationOut } from '../core/assess/assessment-schema.ts';
import { escapeMarkdown, formatCitation } from './render-assessment-markdown.ts';
import { escapeXml, renderDiagramSvg } from './render-diagram-svg.ts';
import { draftData } from '../core/annex/merge-annex.ts';

export interface AnnexView {
  annex: Omit<DerivedAnnex, 'items'>;
  items: StoredAnnexItem[];
  documentState: 'Draft' | 'Under review' | 'Final';
  lastUpdated: string;
}

const STATUS_LABEL: Record<string, string> = { draft: 'Draft', decision_needed: 'Decision needed', in_progress: 'In progress', confirmed: 'Confirmed', open: 'Open', resolved: 'Resolved' };
const e = escapeMarkdown;

/** The view of a kept annex: its frame (from the assessment, or derived from one) and its items. */
export function annexView(frame: Assessment | Omit<DerivedAnnex, 'items'>, items: StoredAnnexItem[], lastUpdated: string): AnnexView {
  const live = items.filter((item) => !item.superseded);
  const settled = live.filter((item) => item.status === 'confirmed' || item.status === 'resolved').length;
  const annex = 'schemaVersion' in frame ? deriveAnnex(frame) : frame;
  return { annex, items, documentState: settled === live.length && live.length > 0 ? 'Final' : settled > 0 ? 'Under review' : 'Draft', lastUpdated };
}

const section = (item: StoredAnnexItem) => (item.data.section as string | undefined) ?? 'register';
const basis = (item: StoredAnnexItem) => ((item.data.basis as CitationOut[] | undefined) ?? []).map(formatCitation).join('; ');

export function renderAnnexMarkdown(view: AnnexView): string {
  const { annex } = view;
  const live = view.items.filter((item) => !item.superseded);
  const register = live.filter((item) => section(item) === 'register');
  const out: string[] = [`# ${e(annex.title)}`, '', `State: **${view.documentState}** · last updated ${view.lastUpdated} · law as of ${annex.asOf}`, ''];
  out.push('## Why this matters', '', e(annex.framing.why), '', '## What this informs', '', e(annex.framing.informs), '', '## What remains unresolved', '', e(annex.framing.unresolved), '');
  const questions = live.filter((item) => section(item) === 'open_question');
  out.push(
    `**${register.length}** requirements · **${register.filter((item) => item.status === 'confirmed').length}** confirmed · **${register.filter((item) => item.status !== 'confirmed').length}** pending · **${new Set(register.map((item) => item.data.category)).size}** categories · **${questions.filter((item) => item.status === 'open').length}** open questions`,
    '',
  );
  out.push('## Requirements register', '');
  for (const category of REGISTER_CATEGORIES) {
    const members = register.filter((item) => item.data.category === category.key);
    if (members.length === 0) continue;
    out.push(`### ${category.title}`, '', '| Requirement | Status | Statement | Basis | Implication |', '|---|---|---|---|---|');
    for (const item of members) {
      const person = item.provenance === 'person' || item.editedFields.length > 0 ? ' ✎' : '';
      out.push(`| ${e(item.title)}${person} | ${STATUS_LABEL[item.status] ?? e(item.status)} | ${e(item.statement)} | ${e(basis(item)) || '–'} | ${e(String(item.data.implication ?? '')) || '–'} |`);
    }
    out.push('');
  }
  out.push('## Architecture diagrams', '');
  for (const diagram of annex.diagrams) {
    out.push(`### ${diagram.title}`, '', `State: ${e(diagram.state)} · owner: ${e(diagram.owner)}`, '', '| From | To | What | Crosses the border | Under |', '|---|---|---|---|---|');
    const label = (id: string) => e(diagram.nodes.find((node) => node.id === id)?.label ?? id);
    for (const edge of diagram.edges) out.push(`| ${label(edge.from)} | ${label(edge.to)} | ${e(edge.label)} | ${edge.crossesBorder ? 'yes' : 'no'} | ${e(edge.mechanism ?? '–')} |`);
    out.push('');
  }
  const list = (title: string, name: string, numbered = false) => {
    const members = live.filter((item) => section(item) === name);
    if (members.length === 0) return;
    out.push(`## ${title}`, '');
    members.forEach((item, index) => out.push(`- ${numbered ? `**Q${index + 1}** ` : ''}**${e(item.title)}** (${STATUS_LABEL[item.status] ?? e(item.status)}): ${e(item.statement)}`));
    out.push('');
  };
  list('Open questions', 'open_question', true);
  list('Guardrails', 'guardrail');
  list('Decisions supported', 'decision');
  list('Dependencies', 'dependency');
  list('Next actions', 'next_action');
  out.push('## Confidence', '', `**${annex.confidence.rating}**: ${e(annex.confidence.reason)}`, '');
  const superseded = view.items.filter((item) => item.superseded);
  if (superseded.length > 0) {
    out.push('## Superseded items', '', 'No longer derived from the current profile; kept for the record.', '');
    for (const item of superseded) out.push(`- ${e(item.title)}: ${e(item.statement)}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false })
  // Landfall's documents hold no links or images, so none can be smuggled in either, whatever
  // escaping misses (escapeMarkdown is the first defence; the Markdown download relies on it).
  .disable(['link', 'image', 'reference', 'autolink']);

/** The items of a freshly derived annex, as the store would keep them (no database needed). */
export function derivedItems(annex: DerivedAnnex): StoredAnnexItem[] {
  return annex.items.map((draft, index) => ({
    id: `derived-${index + 1}`, key: draft.key, provenance: 'derived', status: draft.status, title: draft.title, statement: draft.statement,
    data: draftData(draft), editedFields: [], superseded: false, version: 1,
  }));
}

/** Puts each diagram's SVG under its heading (diagram titles are Landfall's own, not user text). */
function withDiagrams(html: string, view: AnnexView): string {
  let out = html;
  for (const diagram of view.annex.diagrams) {
    const heading = `<h3>${escapeXml(diagram.title)}</h3>`;
    // A replacer function: a replacement string would expand `$&`, `$\`` and `$'` in the labels.
    out = out.replace(heading, () => `${heading}\n<figure class="diagram">${renderDiagramSvg(diagram)}</figure>`);
  }
  return out;
}

export function renderAnnexHtml(view: AnnexView): string {
  const title = view.annex.title.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.35rem .5rem;vertical-align:top;text-align:left}th{background:#f3f3f3}
h1{border-bottom:2px solid #1a1a1a}figure.diagram{margin:1rem 0}figure.diagram svg{width:100%;height:auto}@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}</style>
</head><body>
${withDiagrams(markdown.render(renderAnnexMarkdown(view)), view)}</body></html>
`;
}
