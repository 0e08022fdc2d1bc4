// The Annex tab: the deliverable a consultant and the client work in. Its header (state,
// confidence, framing, exports), the requirements register with filters, the other sections
// (guardrails, open questions, dependencies, next actions, decisions), the two diagrams, and for
// editors inline editing and adding items. Carries the same content as the exported annex.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, type Annex, type AnnexItem } from '../api.ts';
import { annexConfidence, annexCounts, unconfirmedItems, unresolvedSentence } from '../../../src/core/annex/annex-counts.ts';
import { DOCUMENT_STATES } from '../../../src/core/annex/annex-types.ts';
import { label } from '../labels.ts';
import { Chip, Empty, ErrorNotice, Loading, useAsync } from '../components/common.tsx';
import { useEngagement } from './engagement.tsx';
import { t, useT } from '../i18n/i18n.ts';
import { DownloadLanguage, useDownloadLanguage } from '../components/download-language.tsx';
import type { OutputLanguage } from '../api.ts';
import { AddItemForm } from './annex/add-item-form.tsx';
import {
  DIAGRAMS_ANCHOR, NO_FILTERS, SECTIONS, STEP_KEYS, confidenceTone, documentStateTone, downloadName, mergeItems, sectionOf, systemNames,
  type AnnexSection, type RegisterFilters, type SectionInfo,
} from './annex/annex-model.ts';
import { DiagramFigure, EdgeTable } from './annex/diagram-viewer.tsx';
import { ItemCard } from './annex/item-card.tsx';
import { RegisterFilterBar, RegisterGroups } from './annex/register.tsx';
import './annex/annex.css';

const EXPORTS = [
  { format: 'md', title: 'annex.export.md', extension: 'md' },
  { format: 'html', title: 'annex.export.html', extension: 'html' },
  { format: 'xlsx', title: 'annex.export.xlsx', extension: 'xlsx' },
  { format: 'docx', title: 'annex.export.docx', extension: 'docx' },
  { format: 'pdf', title: 'annex.export.pdf', extension: 'pdf' },
] as const;

const NAV = [...SECTIONS.map((section) => ({ anchor: section.anchor, get title() { return section.nav; } })), { anchor: DIAGRAMS_ANCHOR, get title() { return t('annex.diagrams.nav'); } }];

export function AnnexView() {
  const t = useT();
  const { engagement, canEdit } = useEngagement();
  const id = engagement.id;
  const annex = useAsync(() => api.annex(id), [id, engagement.version]);
  /** Items saved or added on this page, by id; newer than the fetched annex until the next fetch. */
  const [saved, setSaved] = useState<Record<string, AnnexItem>>({});
  const [filters, setFilters] = useState<RegisterFilters>(NO_FILTERS);
  const [adding, setAdding] = useState<AnnexSection | null>(null);
  const data = annex.data;
  const items = useMemo(() => (data ? mergeItems(data.items, saved) : []), [data, saved]);
  const names = useMemo(() => systemNames(data?.diagrams ?? [], data?.items ?? []), [data]);
  const active = useActiveSection(NAV.map((entry) => entry.anchor), data !== undefined);
  useItemLink(items, () => setFilters((current) => ({ ...current, showSuperseded: true })));

  if (annex.error && !data) return <ErrorNotice error={annex.error} onRetry={annex.reload} />;
  if (!data) return <Loading what={t('annex.loadingWhat')} />;

  const systemName = (systemId: string) => names.get(systemId) ?? systemId;
  const keep = (item: AnnexItem) => setSaved((current) => ({ ...current, [item.id]: item }));
  const closeAdd = (section: AnnexSection) => {
    setAdding(null);
    document.getElementById(`annex-add-${section}-toggle`)?.focus();
  };
  const renderItem = (item: AnnexItem, level: 3 | 4, number?: string) => (
    <ItemCard
      key={item.id}
      engagementId={id}
      item={item}
      canEdit={canEdit}
      level={level}
      number={number}
      systemName={systemName}
      reloading={annex.loading}
      onSaved={keep}
      onReload={annex.reload}
    />
  );
  const addControls = (section: SectionInfo) =>
    canEdit ? (
      <button
        type="button"
        class="button small"
        id={`annex-add-${section.id}-toggle`}
        aria-expanded={adding === section.id}
        onClick={() => setAdding(adding === section.id ? null : section.id)}
      >
        <span aria-hidden="true">+</span> {t('annex.addItem')}<span class="visually-hidden"> {t('annex.addItemTo', { section: section.title })}</span>
      </button>
    ) : null;
  const addForm = (section: SectionInfo) =>
    adding === section.id ? (
      <AddItemForm
        engagementId={id}
        section={section.id}
        category={section.id === 'register' ? filters.category || undefined : undefined}
        onAdded={keep}
        onClose={() => closeAdd(section.id)}
      />
    ) : null;

  const register = SECTIONS[0]!;
  const registerItems = items.filter((item) => sectionOf(item) === 'register');

  return (
    <div class="annex">
      {annex.error ? <ErrorNotice error={annex.error} onRetry={annex.reload} /> : null}
      <AnnexHeader id={id} annex={data} items={items} asOf={engagement.assessment.asOf} canEdit={canEdit} onStateChanged={annex.reload} language={engagement.language} />

      <div class="annex-layout">
        <nav class="annex-subnav" aria-label={t('annex.sectionsLabel')}>
          <p class="annex-subnav-title" aria-hidden="true">{t('annex.contents')}</p>
          <ul>
            {NAV.map((entry) => {
              const count = entry.anchor === DIAGRAMS_ANCHOR ? data.diagrams.length : items.filter((item) => !item.superseded && SECTIONS.find((section) => section.anchor === entry.anchor)?.id === sectionOf(item)).length;
              return (
                <li key={entry.anchor}>
                  <a href={`#${entry.anchor}`} aria-current={active === entry.anchor ? 'location' : undefined}>
                    <span>{entry.title}</span>
                    <span class="annex-subnav-count">{count}</span>
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>

        <div class="annex-content">
          <section id={register.anchor} class="annex-section" aria-labelledby={`${register.anchor}-title`}>
            <div class="annex-section-head">
              <h2 id={`${register.anchor}-title`}>{register.title}</h2>
              {addControls(register)}
            </div>
            <p class="annex-intro">{register.intro}</p>
            {addForm(register)}
            <RegisterFilterBar items={registerItems} filters={filters} onChange={setFilters} systemName={systemName} />
            <RegisterGroups
              items={registerItems}
              filters={filters}
              onClear={() => setFilters({ ...NO_FILTERS, showSuperseded: filters.showSuperseded })}
              renderItem={(item) => renderItem(item, 4)}
            />
          </section>

          {SECTIONS.slice(1).map((section) => {
            const members = items.filter((item) => sectionOf(item) === section.id);
            const live = members.filter((item) => !item.superseded);
            const shown = filters.showSuperseded ? members : live;
            const hidden = members.length - shown.length;
            return (
              <section key={section.id} id={section.anchor} class="annex-section" aria-labelledby={`${section.anchor}-title`}>
                <div class="annex-section-head">
                  <h2 id={`${section.anchor}-title`}>
                    {section.title}
                    <span class="annex-count-badge">
                      <span class="visually-hidden">: </span>
                      {live.length}
                      <span class="visually-hidden"> {t('annex.itemsWord', { count: live.length })}</span>
                    </span>
                  </h2>
                  {addControls(section)}
                </div>
                <p class="annex-intro">{section.intro}</p>
                {addForm(section)}
                {shown.length === 0 ? (
                  <Empty title={t(`annex.section.${section.id}.empty`)}>
                    {canEdit && <p class="hint">{t('annex.emptyHint')}</p>}
                  </Empty>
                ) : (
                  <div class="annex-items">
                    {shown.map((item) => renderItem(item, 3, section.id === 'open_question' && !item.superseded ? `Q${live.indexOf(item) + 1}` : undefined))}
                  </div>
                )}
                {hidden > 0 && (
                  <p class="annex-hidden-note">
                    {t('annex.hiddenSuperseded', { count: hidden })}{' '}
                    <button type="button" class="button small ghost" onClick={() => setFilters({ ...filters, showSuperseded: true })}>
                      {t('annex.showSuperseded')}
                    </button>
                  </p>
                )}
              </section>
            );
          })}

          <section id={DIAGRAMS_ANCHOR} class="annex-section" aria-labelledby={`${DIAGRAMS_ANCHOR}-title`}>
            <div class="annex-section-head">
              <h2 id={`${DIAGRAMS_ANCHOR}-title`}>{t('annex.diagrams.title')}</h2>
            </div>
            <p class="annex-intro">{t('annex.diagrams.intro')}</p>
            {data.diagrams.length === 0 ? (
              <Empty title={t('annex.diagrams.empty')} />
            ) : (
              data.diagrams.map((diagram) => (
                <div key={diagram.id} class="annex-diagram-block">
                  <div class="annex-diagram-head">
                    <h3 id={`annex-diagram-${diagram.id}`}>{diagram.title}</h3>
                    <p class="muted">
                      <Chip value={diagram.state} /> · {t('annex.diagrams.meta', { owner: diagram.owner, nodes: diagram.nodes.length, edges: diagram.edges.length })}
                    </p>
                  </div>
                  {diagram.caption ? <p class="annex-intro">{diagram.caption}</p> : null}
                  <DiagramFigure diagram={diagram} src={api.diagramUrl(id, diagram.id, engagement.version)} headingId={`annex-diagram-${diagram.id}`} />
                  <EdgeTable diagram={diagram} />
                </div>
              ))
            )}
          </section>
        </div>
      </div>
    </div>
  );
}

function AnnexHeader({ id, annex, items, asOf, canEdit, onStateChanged, language: engagementLanguage }: { id: string; annex: Annex; items: AnnexItem[]; asOf: string; canEdit: boolean; onStateChanged: () => void; language: OutputLanguage }) {
  const t = useT();
  const [language, setLanguage] = useDownloadLanguage(engagementLanguage);
  // The counts the exports print, derived by the same function from the same items (with this
  // page's saves), so the header, the confidence line and every download agree.
  const counts = annexCounts(items);
  const confidence = annexConfidence(counts);
  const stats = [
    { label: t('annex.stat.requirements'), value: counts.requirements },
    { label: t('annex.stat.confirmed'), value: counts.confirmed },
    { label: t('annex.stat.decisions'), value: counts.decisionsNeeded },
    { label: t('annex.stat.questions'), value: counts.openQuestions },
    { label: t('annex.stat.assumptions'), value: counts.unconfirmedAssumptions },
    { label: t('annex.stat.legalReview'), value: counts.legalReview },
  ];
  const summary = annex.summary;
  return (
    <header class="annex-header panel">
      <div class="annex-header-top">
        <div class="annex-header-title">
          <p class="annex-eyebrow">{t('annex.eyebrow', { asOf })}</p>
          <h2 class="annex-title">{annex.title}</h2>
          <div class="annex-meta">
            <span class="annex-meta-item">
              <span class="annex-meta-label" id="annex-state-label">{t('annex.documentState')}</span>
              {canEdit ? (
                <DocumentStateControl id={id} state={annex.documentState} items={items} onChanged={onStateChanged} />
              ) : (
                <Chip value={annex.documentState} tone={documentStateTone(annex.documentState)} text={t(`annex.state.${annex.documentState}`)} />
              )}
            </span>
            <span class="annex-meta-item">
              <span class="annex-meta-label">{t('annex.confidenceLabel')}</span>
              <Chip value={confidence.rating} tone={confidenceTone(confidence.rating)} text={t(`annex.rating.${confidence.rating}`)} />
            </span>
          </div>
        </div>
        <div class="annex-exports" role="group" aria-labelledby="annex-export-label">
          <p class="annex-label" id="annex-export-label">{t('annex.export.label')}</p>
          <DownloadLanguage name="annex-language" testId="annex-language" value={language} onChange={setLanguage} />
          <div class="annex-export-buttons">
            {EXPORTS.map((entry) => (
              <a
                key={entry.format}
                class="button small"
                href={api.exportUrl(id, entry.format, language)}
                download={downloadName(annex.title, entry.extension, annex.fileBase)}
                data-testid={`export-${entry.format}`}
              >
                {t(entry.title)}
                <span class="annex-export-ext" aria-hidden="true">.{entry.extension}</span>
              </a>
            ))}
          </div>
        </div>
      </div>
      <p class="annex-confidence">
        <strong>{t('annex.confidence', { rating: t(`annex.rating.${confidence.rating}`) })}</strong> {confidence.reason}
      </p>
      {summary && (
        <section class="annex-summary" aria-labelledby="annex-summary-title">
          <h3 id="annex-summary-title">{t('annex.summary.title')}</h3>
          <dl class="annex-summary-list">
            <div><dt>{t('overview.cbdt.title')}</dt><dd>{summary.route}</dd></div>
            <div><dt>{t('overview.cii.title')}</dt><dd>{summary.cii}</dd></div>
            {summary.systems.map((system) => (
              <div key={system.id}><dt>{system.name}</dt><dd>{t('annex.summary.system', { level: system.mlpsLevel, icp: system.icp, hosting: system.hosting })}</dd></div>
            ))}
            <div>
              <dt>{t('tab.timeline')}</dt>
              <dd>
                {summary.timeline.tracks.length === 0
                  ? t('annex.summary.noTrack')
                  : summary.timeline.minMonths === summary.timeline.maxMonths
                    ? t('annex.summary.timelineFixed', { months: summary.timeline.minMonths, path: summary.timeline.criticalPath.join(' → ') })
                    : t('annex.summary.timeline', { min: summary.timeline.minMonths, max: summary.timeline.maxMonths, path: summary.timeline.criticalPath.join(' → ') })}

              </dd>
            </div>
            {summary.carryOver && <div><dt>{t('annex.summary.carryOver')}</dt><dd>{summary.carryOver}</dd></div>}
            <div><dt>{t('annex.summary.asOf')}</dt><dd>{summary.asOf} · {summary.contentVersion}</dd></div>
          </dl>
          <p class="annex-not-advice">{summary.notLegalAdvice}</p>
        </section>
      )}
      <dl class="annex-framing">
        <div>
          <dt>{t('annex.framing.why')}</dt>
          <dd>{annex.framing.why}</dd>
        </div>
        <div>
          <dt>{t('annex.framing.informs')}</dt>
          <dd>{annex.framing.informs}</dd>
        </div>
        <div>
          <dt>{t('annex.framing.unresolved')}</dt>
          <dd>{unresolvedSentence(counts)}</dd>
        </div>
      </dl>
      <ul class="annex-stats" aria-label={t('annex.statsLabel')}>
        {stats.map((stat) => (
          <li key={stat.label}>
            <span class="annex-stat-value">{stat.value}</span>
            <span class="annex-stat-label">{stat.label}</span>
          </li>
        ))}
      </ul>
    </header>
  );
}

/**
 * The document state an editor sets. Draft and Under review save at once; Final first lists the
 * items still unconfirmed and asks to confirm. The state is recorded in the history.
 */
function DocumentStateControl({ id, state, items, onChanged }: { id: string; state: string; items: AnnexItem[]; onChanged: () => void }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState(state);
  useEffect(() => setShown(state), [state]);
  const unconfirmed = unconfirmedItems(items);
  /** A state stepped to with the arrow keys, not yet committed. */
  const [stepped, setStepped] = useState<string | null>(null);
  const keyed = useRef(false);
  const commit = (next: string) => {
    setStepped(null);
    if (next === 'Final') setAsking(true);
    else {
      setAsking(false);
      if (next !== shown) void save(next);
    }
  };
  const save = async (next: string, confirm = false) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.setAnnexState(id, next, confirm);
      setShown(result.documentState);
      setAsking(false);
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="annex-state-control">
      <select
        aria-labelledby="annex-state-label"
        data-testid="annex-state"
        value={asking ? 'Final' : stepped ?? shown}
        disabled={busy}
        onKeyDown={(event) => {
          if (STEP_KEYS.has(event.key) && !event.altKey) keyed.current = true;
          else if (event.key === 'Enter' && stepped !== null) {
            event.preventDefault();
            commit(stepped);
          } else if (event.key === 'Escape' && stepped !== null) {
            event.preventDefault();
            setStepped(null);
          }
        }}
        onBlur={() => stepped !== null && commit(stepped)}
        onChange={(event) => {
          const next = event.currentTarget.value;
          // Stepping with the arrow keys only chooses; Enter, leaving the select or a pick from the list commits.
          if (keyed.current) {
            keyed.current = false;
            setStepped(next === shown ? null : next);
          } else commit(next);
        }}
      >
        {DOCUMENT_STATES.map((candidate) => (
          <option key={candidate} value={candidate}>{t(`annex.state.${candidate}`)}</option>
        ))}
      </select>
      {asking && (
        <div class="annex-final-confirm notice notice-warn" role="alertdialog" aria-labelledby="annex-final-title" data-testid="annex-final-confirm">
          <p id="annex-final-title">
            <strong>{t('annex.final.ask')}</strong>{' '}
            {unconfirmed.length === 0 ? t('annex.final.allConfirmed') : t('annex.final.unconfirmed', { count: unconfirmed.length })}
          </p>
          {unconfirmed.length > 0 && (
            <ul class="annex-final-list">
              {unconfirmed.slice(0, 12).map((item) => (
                <li key={item.id}><a href={`#item-${item.id}`}>{item.title}</a> ({label(item.status)})</li>
              ))}
              {unconfirmed.length > 12 && <li>{t('annex.final.more', { count: unconfirmed.length - 12 })}</li>}
            </ul>
          )}
          <div class="actions">
            <button type="button" class="button small primary" data-testid="annex-final-yes" disabled={busy} onClick={() => void save('Final', true)}>{t('annex.final.yes')}</button>
            <button type="button" class="button small" onClick={() => setAsking(false)} disabled={busy}>{t('common.cancel')}</button>

          </div>
        </div>
      )}
      {error ? <ErrorNotice error={error} /> : null}
    </span>
  );
}

/** The section nearest the top of the viewport, for the sub-navigation. */
function useActiveSection(anchors: string[], ready: boolean): string | undefined {
  const [active, setActive] = useState<string | undefined>(anchors[0]);
  const key = anchors.join(' ');
  useEffect(() => {
    if (!ready || typeof IntersectionObserver === 'undefined') return;
    const visible = new Set<string>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) visible.add(entry.target.id);
          else visible.delete(entry.target.id);
        }
        const first = anchors.find((anchor) => visible.has(anchor));
        if (first) setActive(first);
      },
      { rootMargin: '-15% 0px -60% 0px' },
    );
    for (const anchor of anchors) {
      const element = document.getElementById(anchor);
      if (element) observer.observe(element);
    }
    return () => observer.disconnect();
  }, [key, ready]);
  return active;
}

/** Opening the tab at #item-<id> (the History tab links there) scrolls to and focuses the item. */
function useItemLink(items: AnnexItem[], showSuperseded: () => void): void {
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (done || items.length === 0) return;
    const match = /^#item-(.+)$/.exec(window.location.hash);
    const target = match ? items.find((item) => item.id === decodeURIComponent(match[1] ?? '')) : undefined;
    setDone(true);
    if (!target) return;
    if (target.superseded) showSuperseded();
    requestAnimationFrame(() => {
      const element = document.getElementById(`item-${target.id}`);
      element?.scrollIntoView({ block: 'center' });
      element?.focus({ preventScroll: true });
    });
  }, [items, done]);
}
