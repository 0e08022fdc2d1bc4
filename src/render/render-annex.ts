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
  actionOf, citationText, countsText, diagramState, diagramTable, finalNote, basisOf, basisText, buildView, logoBox, decisionOf, dueOf, edited, inSection, monthsText, ownerOf, questionOf, registerByCategory, roleText,
  sectionTitle, stateText, statusNote, statusText, summaryRows, systemNames, systemsOf, type AnnexView, type ViewOptions,
} from './annex-parts.ts';

export type { AnnexView, ViewOptions } from './annex-parts.ts';

const e = escapeMarkdown;

/** The view of a kept annex: its frame (from the assessment, or derived from one) and its items. */
export function annexView(frame: Assessment | Omit<DerivedAnnex, 'items'>, items: StoredAnnexItem[], lastUpdated: string, options: ViewOptions = {}): AnnexView {
  const annex = 'schemaVersion' in frame ? deriveAnnex(frame) : frame;
  return buildView(annex, items, lastUpdated, options);
}

/** The basis in words, each citation in the view's language. */
const basis = (view: AnnexView, item: StoredAnnexItem) => basisText(item, (citation) => citationText(view, citation, formatCitation));
const cell = (text: string) => e(text) || '–';
/** The basis as Markdown: each citation linked where its instrument's address is known, a person's own basis escaped. */
function basisMarkdown(view: AnnexView, item: StoredAnnexItem): string {
  const given = typeof item.data.basisText === 'string' && item.data.basisText ? [e(item.data.basisText)] : [];
  return [...basisOf(item).map((citation) => citationLink(citation, citationText(view, citation, formatCitation))), ...given].join('; ');
}

/** The annex's parts in order, as Markdown: the summary page first, then the register and the rest. */
export function renderAnnexMarkdown(view: AnnexView): string {
  const { annex, t } = view;
  const names = systemNames(view);
  const status = (item: StoredAnnexItem) => statusText(view, item.status);
  const owner = (item: StoredAnnexItem) => ownerOf(item, view);
  /** Between two sentences: a space in English, nothing in Chinese. */
  const gap = t('annex.sentenceGap');
  const out: string[] = [`# ${e(annex.title)}`, '', t('annex.md.byline', { state: e(stateText(view)), engagement: e(view.engagement), consultancy: e(view.branding.consultancy), lastUpdated: view.lastUpdated, asOf: annex.asOf }), ''];

  out.push(`## ${t('annex.heading.summary')}`, '', `| ${t('annex.column.determination')} | ${t('annex.column.answer')} |`, '|---|---|');
  for (const [label, value] of summaryRows(view)) out.push(`| ${e(label)} | ${e(value)} |`);
  out.push('', countsText(view, '**'), '');
  out.push(t('annex.md.confidence', { rating: view.confidence.rating, reason: e(view.confidence.reason) }), '');
  if (finalNote(view)) out.push(e(finalNote(view)!), '');
  if (annex.summary) out.push(`*${e(annex.summary.notLegalAdvice)}*`, '');

  out.push(`## ${t('annex.heading.why')}`, '', e(annex.framing.why), '', `## ${t('annex.heading.informs')}`, '', e(annex.framing.informs), '', `## ${t('annex.heading.unresolved')}`, '', e(view.unresolved), '');

  out.push(`## ${t('annex.heading.register')}`, '');
  for (const category of registerByCategory(view)) {
    out.push(`### ${category.title}`, '', `| ${['requirement', 'status', 'systems', 'owner', 'due', 'statement', 'basis'].map((id) => t(`annex.column.${id}`)).join(' | ')} |`, '|---|---|---|---|---|---|---|');
    for (const item of category.items) {
      const implication = item.data.implication ? `${gap}${String(item.data.implication)}` : '';
      const held = statusNote(item, view);
      out.push(`| ${e(item.title)}${edited(item) ? ' ✎' : ''} | ${status(item)}${e(held)} | ${cell(systemsOf(view, item, names))} | ${cell(owner(item))} | ${dueOf(item)} | ${e(item.statement)}${e(implication)} | ${basisMarkdown(view, item) || '–'} |`);
    }
    out.push('');
  }

  const timeline = annex.summary?.timeline;
  if (timeline && timeline.tracks.length > 0) {
    out.push(`## ${t('annex.heading.timeline')}`, '', t('annex.timeline.line', { months: monthsText(view, timeline.minMonths, timeline.maxMonths), start: timeline.start, path: e(timeline.criticalPath.join(' → ')) }), '', `| ${['track', 'starts', 'ends', 'months', 'after', 'criticalPath'].map((id) => t(`annex.column.${id}`)).join(' | ')} |`, '|---|---|---|---|---|---|');
    for (const track of timeline.tracks) out.push(`| ${e(track.title)} | ${track.start} | ${t('annex.timeline.ends', { earliest: track.end.earliest, latest: track.end.latest })} | ${track.months.min === track.months.max ? track.months.min : `${track.months.min}-${track.months.max}`} | ${cell(track.dependsOn.join(t('common.listSeparator')))} | ${t(track.critical ? 'annex.yes' : 'annex.no')} |`);
    out.push('');
  }

  out.push(`## ${t('annex.heading.diagrams')}`, '');
  for (const diagram of annex.diagrams) {
    const table = diagramTable(diagram, t);
    out.push(`### ${diagram.title}`, '', ...(diagram.caption ? [e(diagram.caption), ''] : []), t('annex.diagram.state', { state: e(diagramState(view, diagram.state)), owner: e(roleText(view, diagram.owner)) }), '');
    if (table.rows.length === 0) {
      out.push(t(diagram.id === 'data_flow' ? 'annex.diagram.noFlow' : 'annex.diagram.noConnection'), '');
      continue;
    }
    out.push(`| ${table.headers.join(' | ')} |`, `|${table.headers.map(() => '---').join('|')}|`);
    for (const row of table.rows) out.push(`| ${row.map(cell).join(' | ')} |`);
    out.push('');
  }

  const questions = inSection(view, 'open_question');
  if (questions.length > 0) {
    out.push(`## ${sectionTitle(view, 'open_question')}`, '');
    questions.forEach((item, index) => {
      const detail = questionOf(item);
      out.push(t('annex.md.question', { number: String(index + 1), title: e(item.title), status: status(item) }), '');
      const lines = [
        detail?.hangsOn || item.data.implication ? `- ${t('annex.docx.label', { label: t('annex.question.hangsOn') })}${e(String(detail?.hangsOn ?? item.data.implication))}` : null,
        `- ${t('annex.question.whoAnswers', { owner: e(owner(item)), due: dueOf(item) })}`,
        `- ${e(item.statement)}`,
      ].filter((line): line is string => line !== null);
      out.push(...lines, '');
    });
  }
  const assumptions = inSection(view, 'assumption');
  if (assumptions.length > 0) {
    out.push(`## ${sectionTitle(view, 'assumption')}`, '', t('annex.assumptions.intro'), '');
    for (const item of assumptions) out.push(`- ${t('annex.md.entry', { title: e(item.title), status: status(item), statement: e(item.statement) })}`);
    out.push('');
  }
  const guardrails = inSection(view, 'guardrail');
  if (guardrails.length > 0) {
    out.push(`## ${sectionTitle(view, 'guardrail')}`, '');
    for (const item of guardrails) out.push(`- ${t('annex.md.entry', { title: e(item.title), status: status(item), statement: e(item.statement) })}${basis(view, item) ? ` *${t('annex.basis', { basis: basisMarkdown(view, item) })}*` : ''}`);
    out.push('');
  }
  const decisions = inSection(view, 'decision');
  if (decisions.length > 0) {
    out.push(`## ${sectionTitle(view, 'decision')}`, '');
    decisions.forEach((item, index) => {
      const record = decisionOf(item);
      out.push(`### ${t('annex.adr.title', { number: String(index + 1), title: e(item.title) })}`, '', t('annex.md.adrStatus', { status: status(item), owner: e(owner(item)), due: dueOf(item) }), '');
      if (record) {
        const colon = t('annex.colon');
        const period = t('annex.period');
        const labelled = (label: string, text: string) => t('annex.md.labelled', { label, text });
        out.push(labelled(t('annex.adr.context'), e(record.context)), '', `**${t('annex.adr.options')}**`, '');
        for (const option of record.options) out.push(`- **${e(option.title)}**${colon}${e(option.consequences)}`);
        out.push('');
        if (record.ruledOut.length > 0) out.push(labelled(t('annex.adr.ruledOut'), `${record.ruledOut.map((entry) => `${e(entry.title)}${colon}${e(entry.reason)}`).join(t('annex.noteSeparator'))}${period}`), '');
        out.push(labelled(t('annex.adr.recommendation'), `${e(record.recommendation.option)}${period}${gap}${e(record.recommendation.reason)}`), '');
        if (edited(item)) out.push(labelled(t('annex.adr.recorded'), e(item.statement)), '');
      } else {
        out.push(e(item.statement), '');
      }
      if (basis(view, item)) out.push(`*${t('annex.basis', { basis: basisMarkdown(view, item) })}*`, '');
    });
  }
  const dependencies = inSection(view, 'dependency');
  if (dependencies.length > 0) {
    out.push(`## ${sectionTitle(view, 'dependency')}`, '');
    for (const item of dependencies) out.push(`- **${e(item.title)}**${t('annex.colon')}${e(item.statement)}${item.data.implication ? `${gap}${e(String(item.data.implication))}` : ''}`);
    out.push('');
  }
  const actions = inSection(view, 'next_action');
  if (actions.length > 0) {
    out.push(`## ${sectionTitle(view, 'next_action')}`, '', t('annex.actions.intro'), '', `| ${['number', 'action', 'owner', 'starts', 'unblocks', 'status'].map((id) => t(`annex.column.${id}`)).join(' | ')} |`, '|---|---|---|---|---|---|');
    actions.forEach((item, index) => {
      const action = actionOf(item);
      out.push(`| ${index + 1} | **${e(item.title)}**${action?.criticalPath ? t('annex.actions.critical') : ''}${t('annex.colon')}${e(item.statement)} | ${cell(owner(item))} | ${action?.start ?? dueOf(item)} | ${cell((action?.unblocks ?? []).join(t('common.listSeparator')))} | ${status(item)} |`);
    });
    out.push('');
  }
  const superseded = view.items.filter((item) => item.superseded);
  if (superseded.length > 0) {
    out.push(`## ${t('annex.heading.superseded')}`, '', t('annex.superseded.intro'), '');
    for (const item of superseded) out.push(`- ${e(item.title)}${t('annex.colon')}${e(item.statement)}`);
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
    out = out.replace(heading, () => `${heading}\n<figure class="diagram">${renderDiagramSvg(diagram, view.locale)}</figure>`);
  }
  return out;
}

/** Adds ids to the h2 headings and returns the table of contents built from them. */
function withAnchors(html: string, contents = 'Contents'): { html: string; toc: string } {
  const entries: string[] = [];
  let index = 0;
  const out = html.replace(/<h2>(.*?)<\/h2>/g, (_match, text: string) => {
    index += 1;
    entries.push(`<li><a href="#part-${index}">${text}</a></li>`);
    return `<h2 id="part-${index}">${text}</h2>`;
  });
  return { html: out, toc: `<nav aria-label="${escapeXml(contents)}"><h2 class="toc-title">${escapeXml(contents)}</h2><ol>${entries.join('')}</ol></nav>` };
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
  const { t } = view;
  const { html, toc } = withAnchors(body.replace(/^<h1>.*?<\/h1>\n/, ''), t('annex.heading.contents'));
  return `<!doctype html>
<html lang="${view.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.35rem .5rem;vertical-align:top;text-align:left}th{background:#f3f3f3}
header.doc{border-bottom:2px solid #1a1a1a;margin-bottom:1rem}header.doc img.logo{display:block;margin:0 0 .75rem}header.doc h1{margin:0 0 .25rem}header.doc p{margin:.25rem 0;color:#444}.state{font-weight:700}
nav ol{columns:2;padding-left:1.2rem}.toc-title{font-size:1.1rem}footer.doc{border-top:1px solid #ccc;margin-top:2rem;padding-top:.5rem;font-size:.85rem;color:#444}
figure.diagram{margin:1rem 0}figure.diagram svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}tr,figure{break-inside:avoid}nav{break-after:page}}</style>
</head><body>
<header class="doc">${logoImage(view)}<h1>${title}</h1><p>${t('annex.html.byline', { state: `<span class="state">${escapeXml(stateText(view))}</span>`, engagement: escapeXml(view.engagement), consultancy: escapeXml(view.branding.consultancy), lastUpdated: escapeXml(view.lastUpdated), asOf: escapeXml(view.annex.asOf) })}</p></header>
${toc}
<main>
${html}</main>
<footer class="doc"><p>${t('annex.html.footer', { notice: escapeXml(view.annex.summary?.notLegalAdvice ?? t('annex.notLegalAdvice')), version: escapeXml(view.annex.summary?.contentVersion ?? '–') })}</p></footer>
</body></html>
`;
}
