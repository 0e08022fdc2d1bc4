// The kept annex as a document: header, framing, headline counts, the register by category, the
// diagrams (the drawing and its table; Markdown has the table only), open questions, guardrails
// and the decision layer. Markdown first; HTML is the Markdown rendered with raw HTML disabled.
import MarkdownIt from 'markdown-it';
import { deriveAnnex } from '../core/annex/derive-annex.ts';
import type { DerivedAnnex } from '../core/annex/annex-types.ts';
import type { StoredAnnexItem } from '../core/annex/merge-annex.ts';
import type { Assessment } from '../core/assess/assessment-schema.ts';
import { citationLink, escapeMarkdown, formatCitation } from './render-assessment-markdown.ts';
import { escapeXml, renderDiagramSvg } from './render-diagram-svg.ts';
import { draftData } from '../core/annex/merge-annex.ts';
import {
  SECTION_TITLES, actionOf, diagramTable, finalNote, basisOf, basisText, buildView, countsLine, logoBox, decisionOf, dueOf, edited, inSection, ownerOf, questionOf, registerByCategory, statusLabel, statusNote,
  summaryRows, systemNames, systemsOf, type AnnexView, type ViewOptions,
} from './annex-parts.ts';

export type { AnnexView, ViewOptions } from './annex-parts.ts';

const e = escapeMarkdown;

/** The view of a kept annex: its frame (from the assessment, or derived from one) and its items. */
export function annexView(frame: Assessment | Omit<DerivedAnnex, 'items'>, items: StoredAnnexItem[], lastUpdated: string, options: ViewOptions = {}): AnnexView {
  const annex = 'schemaVersion' in frame ? deriveAnnex(frame) : frame;
  return buildView(annex, items, lastUpdated, options);
}

const basis = (item: StoredAnnexItem) => basisText(item, formatCitation);
const cell = (text: string) => e(text) || '–';
/** The basis as Markdown: each citation linked where its instrument's address is known, a person's own basis escaped. */
function basisMarkdown(item: StoredAnnexItem): string {
  const given = typeof item.data.basisText === 'string' && item.data.basisText ? [e(item.data.basisText)] : [];
  return [...basisOf(item).map(citationLink), ...given].join('; ');
}

/** The annex's parts in order, as Markdown: the summary page first, then the register and the rest. */
export function renderAnnexMarkdown(view: AnnexView): string {
  const { annex } = view;
  const names = systemNames(view);
  const out: string[] = [`# ${e(annex.title)}`, '', `**${e(view.documentState)}** · ${e(view.engagement)} · prepared by ${e(view.branding.consultancy)} · last updated ${view.lastUpdated} · law as of ${annex.asOf}`, ''];

  out.push('## Summary', '', '| Determination | Answer |', '|---|---|');
  for (const [label, value] of summaryRows(view)) out.push(`| ${e(label)} | ${e(value)} |`);
  out.push('', countsLine(view.counts).map(([count, label]) => `**${count}** ${label}`).join(' · '), '');
  out.push(`**Confidence: ${view.confidence.rating}.** ${e(view.confidence.reason)}`, '');
  if (finalNote(view)) out.push(e(finalNote(view)!), '');
  if (annex.summary) out.push(`*${e(annex.summary.notLegalAdvice)}*`, '');

  out.push('## Why this matters', '', e(annex.framing.why), '', '## What this informs', '', e(annex.framing.informs), '', '## What remains unresolved', '', e(view.unresolved), '');

  out.push('## Requirements register', '');
  for (const category of registerByCategory(view)) {
    out.push(`### ${category.title}`, '', '| Requirement | Status | Systems | Owner | Due | Statement | Basis |', '|---|---|---|---|---|---|---|');
    for (const item of category.items) {
      const implication = item.data.implication ? ` ${String(item.data.implication)}` : '';
      const held = statusNote(item);
      out.push(`| ${e(item.title)}${edited(item) ? ' ✎' : ''} | ${statusLabel(item.status)}${e(held)} | ${cell(systemsOf(view, item, names))} | ${cell(ownerOf(item))} | ${dueOf(item)} | ${e(item.statement)}${e(implication)} | ${basisMarkdown(item) || '–'} |`);
    }
    out.push('');
  }

  const timeline = annex.summary?.timeline;
  if (timeline && timeline.tracks.length > 0) {
    out.push('## Timeline', '', `${timeline.minMonths === timeline.maxMonths ? timeline.minMonths : `${timeline.minMonths} to ${timeline.maxMonths}`} months from ${timeline.start}. Critical path: ${e(timeline.criticalPath.join(' → '))}.`, '', '| Track | Starts | Ends | Months | After | Critical path |', '|---|---|---|---|---|---|');
    for (const track of timeline.tracks) out.push(`| ${e(track.title)} | ${track.start} | ${track.end.earliest} to ${track.end.latest} | ${track.months.min === track.months.max ? track.months.min : `${track.months.min}-${track.months.max}`} | ${cell(track.dependsOn.join(', '))} | ${track.critical ? 'yes' : 'no'} |`);
    out.push('');
  }

  out.push('## Architecture diagrams', '');
  for (const diagram of annex.diagrams) {
    const table = diagramTable(diagram);
    out.push(`### ${diagram.title}`, '', ...(diagram.caption ? [e(diagram.caption), ''] : []), `State: ${e(diagram.state)} · owner: ${e(diagram.owner)}`, '');
    if (table.rows.length === 0) {
      out.push(diagram.id === 'data_flow' ? 'No outbound flow of mainland personal information.' : 'No connections.', '');
      continue;
    }
    out.push(`| ${table.headers.join(' | ')} |`, `|${table.headers.map(() => '---').join('|')}|`);
    for (const row of table.rows) out.push(`| ${row.map(cell).join(' | ')} |`);
    out.push('');
  }

  const questions = inSection(view, 'open_question');
  if (questions.length > 0) {
    out.push(`## ${SECTION_TITLES.open_question}`, '');
    questions.forEach((item, index) => {
      const detail = questionOf(item);
      out.push(`**Q${index + 1}. ${e(item.title)}** (${statusLabel(item.status)})`, '');
      const lines = [
        detail?.hangsOn || item.data.implication ? `- What hangs on it: ${e(String(detail?.hangsOn ?? item.data.implication))}` : null,
        `- Who answers: ${e(ownerOf(item))}, by ${dueOf(item)}`,
        `- ${e(item.statement)}`,
      ].filter((line): line is string => line !== null);
      out.push(...lines, '');
    });
  }
  const assumptions = inSection(view, 'assumption');
  if (assumptions.length > 0) {
    out.push(`## ${SECTION_TITLES.assumption}`, '', 'Defaults Landfall filled in where the profile said nothing. None of them changes a determination on its own; correct any that is wrong in the intake.', '');
    for (const item of assumptions) out.push(`- **${e(item.title)}** (${statusLabel(item.status)}): ${e(item.statement)}`);
    out.push('');
  }
  const guardrails = inSection(view, 'guardrail');
  if (guardrails.length > 0) {
    out.push(`## ${SECTION_TITLES.guardrail}`, '');
    for (const item of guardrails) out.push(`- **${e(item.title)}** (${statusLabel(item.status)}): ${e(item.statement)}${basis(item) ? ` *Basis: ${basisMarkdown(item)}.*` : ''}`);
    out.push('');
  }
  const decisions = inSection(view, 'decision');
  if (decisions.length > 0) {
    out.push(`## ${SECTION_TITLES.decision}`, '');
    decisions.forEach((item, index) => {
      const record = decisionOf(item);
      out.push(`### ADR ${index + 1}: ${e(item.title)}`, '', `Status: **${statusLabel(item.status)}** · owner: ${e(ownerOf(item))} · decide by ${dueOf(item)}`, '');
      if (record) {
        out.push(`**Context.** ${e(record.context)}`, '', '**Options still legally open**', '');
        for (const option of record.options) out.push(`- **${e(option.title)}**: ${e(option.consequences)}`);
        out.push('');
        if (record.ruledOut.length > 0) out.push(`**Ruled out by the determinations.** ${record.ruledOut.map((entry) => `${e(entry.title)}: ${e(entry.reason)}`).join('; ')}.`, '');
        out.push(`**Recommendation.** ${e(record.recommendation.option)}. ${e(record.recommendation.reason)}`, '');
        if (edited(item)) out.push(`**Recorded.** ${e(item.statement)}`, '');
      } else {
        out.push(e(item.statement), '');
      }
      if (basis(item)) out.push(`*Basis: ${basisMarkdown(item)}.*`, '');
    });
  }
  const dependencies = inSection(view, 'dependency');
  if (dependencies.length > 0) {
    out.push(`## ${SECTION_TITLES.dependency}`, '');
    for (const item of dependencies) out.push(`- **${e(item.title)}**: ${e(item.statement)}${item.data.implication ? ` ${e(String(item.data.implication))}` : ''}`);
    out.push('');
  }
  const actions = inSection(view, 'next_action');
  if (actions.length > 0) {
    out.push(`## ${SECTION_TITLES.next_action}`, '', 'In the order of the critical path, then what can start alongside it.', '', '| # | Action | Owner | Starts | Unblocks | Status |', '|---|---|---|---|---|---|');
    actions.forEach((item, index) => {
      const action = actionOf(item);
      out.push(`| ${index + 1} | **${e(item.title)}**${action?.criticalPath ? ' (critical path)' : ''}: ${e(item.statement)} | ${cell(ownerOf(item))} | ${action?.start ?? dueOf(item)} | ${cell((action?.unblocks ?? []).join(', '))} | ${statusLabel(item.status)} |`);
    });
    out.push('');
  }
  const superseded = view.items.filter((item) => item.superseded);
  if (superseded.length > 0) {
    out.push('## Superseded items', '', 'No longer derived from the current profile; kept for the record.', '');
    for (const item of superseded) out.push(`- ${e(item.title)}: ${e(item.statement)}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false })
  // The annex's only links are its citations' addresses (citationLink). Images, reference links and
  // autolinks stay off, and an inline link is rendered only when its address is one a citation of
  // this annex carries (from content/instruments.yaml), so none can be smuggled in whatever
  // escaping misses (escapeMarkdown is the first defence; the Markdown download relies on it).
  .disable(['image', 'reference', 'autolink']);
/** The addresses the annex being rendered may link to; set for each render (rendering is synchronous). */
let linkable: ReadonlySet<string> = new Set();
markdown.validateLink = (url) => linkable.has(url);

/** The normalised addresses of the view's citations, as markdown-it sees them after citationLink. */
function citedAddresses(view: AnnexView): Set<string> {
  const addresses = new Set<string>();
  for (const item of view.items) {
    for (const citation of basisOf(item)) {
      const link = citationLink(citation);
      const target = /\]\(([^()\s]+)\)$/.exec(link)?.[1];
      if (target) addresses.add(markdown.normalizeLink(target));
    }
  }
  return addresses;
}

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

/** Adds ids to the h2 headings and returns the table of contents built from them. */
function withAnchors(html: string): { html: string; toc: string } {
  const entries: string[] = [];
  let index = 0;
  const out = html.replace(/<h2>(.*?)<\/h2>/g, (_match, text: string) => {
    index += 1;
    entries.push(`<li><a href="#part-${index}">${text}</a></li>`);
    return `<h2 id="part-${index}">${text}</h2>`;
  });
  return { html: out, toc: `<nav aria-label="Contents"><h2 class="toc-title">Contents</h2><ol>${entries.join('')}</ol></nav>` };
}

/** The consultancy's logo for the HTML (and the PDF printed from it), inline so the page needs no request. */
function logoImage(view: AnnexView): string {
  const box = logoBox(view, 240, 90);
  if (!box || !view.branding.logoPng) return '';
  const data = Buffer.from(view.branding.logoPng).toString('base64');
  return `<img class="logo" src="data:image/png;base64,${data}" width="${box.width}" height="${box.height}" alt="${escapeXml(view.branding.consultancy)}">`;
}

export function renderAnnexHtml(view: AnnexView): string {
  const title = escapeXml(view.annex.title);
  linkable = citedAddresses(view);
  let rendered: string;
  try {
    rendered = markdown.render(renderAnnexMarkdown(view));
  } finally {
    linkable = new Set();
  }
  const body = withDiagrams(rendered, view);
  // The document's own title goes in the banner; the Markdown's h1 is dropped from the main part.
  const { html, toc } = withAnchors(body.replace(/^<h1>.*?<\/h1>\n/, ''));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.35rem .5rem;vertical-align:top;text-align:left}th{background:#f3f3f3}
header.doc{border-bottom:2px solid #1a1a1a;margin-bottom:1rem}header.doc img.logo{display:block;margin:0 0 .75rem}header.doc h1{margin:0 0 .25rem}header.doc p{margin:.25rem 0;color:#444}.state{font-weight:700}
nav ol{columns:2;padding-left:1.2rem}.toc-title{font-size:1.1rem}footer.doc{border-top:1px solid #ccc;margin-top:2rem;padding-top:.5rem;font-size:.85rem;color:#444}
figure.diagram{margin:1rem 0}figure.diagram svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}tr,figure{break-inside:avoid}nav{break-after:page}}</style>
</head><body>
<header class="doc">${logoImage(view)}<h1>${title}</h1><p><span class="state">${escapeXml(view.documentState)}</span> · ${escapeXml(view.engagement)} · prepared by ${escapeXml(view.branding.consultancy)} · last updated ${escapeXml(view.lastUpdated)} · law as of ${escapeXml(view.annex.asOf)}</p></header>
${toc}
<main>
${html}</main>
<footer class="doc"><p>${escapeXml(view.annex.summary?.notLegalAdvice ?? 'Not legal advice.')} Content version ${escapeXml(view.annex.summary?.contentVersion ?? '–')}.</p></footer>
</body></html>
`;
}
