// The GB/T 22239-2019 gap register of each system at its graded MLPS level: coverage by category,
// the jurisdiction themes to work on, and every item with its status and the evidence behind it.
import { useMemo, useState } from 'preact/hooks';
import type { GapItem, GapReport } from '../../../src/core/controls/gap-analysis.ts';
import { api } from '../api.ts';
import { Chip, Empty, ErrorNotice, Loading, useAsync } from '../components/common.tsx';
import { label } from '../labels.ts';
import { useEngagement } from './engagement.tsx';
import { DownloadLanguage, useDownloadLanguage } from '../components/download-language.tsx';
import { t, useLocale, useT } from '../i18n/i18n.ts';
import type { OutputLanguage } from '../api.ts';
import './gaps.css';

const STATUSES = ['gap', 'evidence_needed', 'partial', 'covered'] as const;
/** The carry-over answers' labels: `gaps.carry.<answer>`. */
const carryLabel = (answer: GapItem['carryOver']) => t(`gaps.carry.${answer}`);
const PAGE = 60;

export function GapsView() {
  const t = useT();
  const locale = useLocale();
  const { engagement } = useEngagement();
  const state = useAsync(() => api.gaps(engagement.id), [engagement.id, engagement.version, locale]);
  const [systemId, setSystemId] = useState<string | null>(null);
  const [language, setLanguage] = useDownloadLanguage(engagement.language);

  if (state.error && !state.data) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading what={t('gaps.loadingWhat')} />;
  const reports = state.data.systems as GapReport[];
  if (reports.length === 0) {
    return (
      <Empty title={t('gaps.empty')}>
        <p>{state.data.skipped.map((skip) => `${skip.systemId}: ${skip.reason}`).join(' ') || t('gaps.emptyHelp')}</p>
      </Empty>
    );
  }
  const report = reports.find((candidate) => candidate.systemId === systemId) ?? reports[0]!;
  return (
    <div class="gaps">
      <div class="toolbar">
        <label class="field">
          <span class="field-label">{t('gaps.system')}</span>
          <select value={report.systemId} onChange={(event) => setSystemId(event.currentTarget.value)} name="system">
            {reports.map((candidate) => (
              <option key={candidate.systemId} value={candidate.systemId}>
                {t('gaps.systemOption', { name: candidate.systemName, level: candidate.level })}
              </option>
            ))}
          </select>
        </label>
        <DownloadLanguage name="gaps-language" testId="gaps-language" value={language} onChange={setLanguage} />
        <a class="button" href={api.gapsUrl(engagement.id, 'json', language, report.systemId)} download={`gaps-${report.systemId}.json`}>{t('gaps.downloadJson')}</a>
        <p class="hint gaps-hint">{t('gaps.downloadHint')}</p>
      </div>
      <Report key={report.systemId} report={report} language={language} />
      {state.data.skipped.length > 0 && <p class="hint">{t('gaps.notAnalysed', { list: state.data.skipped.map((skip) => `${skip.systemId} (${skip.reason})`).join(t('overview.listSemicolon')) })}</p>}
    </div>
  );
}

function Bar({ covered, partial, evidence, gap, total }: { covered: number; partial: number; evidence: number; gap: number; total: number }) {
  const pct = (value: number) => `${total === 0 ? 0 : (value / total) * 100}%`;
  return (
    <div class="gap-bar" role="img" aria-label={t('gaps.bar', { covered, partial, evidence, gap, total })}>
      <span class="seg covered" style={{ width: pct(covered) }} />
      <span class="seg partial" style={{ width: pct(partial) }} />
      <span class="seg evidence" style={{ width: pct(evidence) }} />
      <span class="seg gap" style={{ width: pct(gap) }} />
    </div>
  );
}

function Report({ report, language }: { report: GapReport; language: OutputLanguage }) {
  const t = useT();
  const { engagement } = useEngagement();
  const overall = report.coverage.overall;
  // Registers from before the carry-over answer have none.
  const carry = (report as Partial<GapReport>).carryOver;
  const [status, setStatus] = useState<string>('open');
  const [category, setCategory] = useState<string>('');
  const [theme, setTheme] = useState<string>('');
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE);

  const items = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return report.items.filter(
      (item) =>
        (status === '' || (status === 'open' ? item.status !== 'covered' : item.status === status)) &&
        (category === '' || item.category === category) &&
        (theme === '' || item.themes.includes(theme as GapItem['themes'][number])) &&
        (needle === '' || `${item.clause} ${item.id} ${item.controlPoint.zh} ${item.controlPoint.en} ${item.summary} ${item.paraphrase}`.toLowerCase().includes(needle)),
    );
  }, [report, status, category, theme, query]);

  return (
    <>
      <section class="panel gaps-summary" aria-labelledby="gaps-summary-title">
        <h2 id="gaps-summary-title">
          {t('gaps.reportTitle', { name: report.systemName, level: report.level, source: report.levelSource === 'graded' ? 'graded' : 'requested' })}
        </h2>
        <p class="muted">
          {t('gaps.meta', {
            extensions: report.extensions.filter((extension) => extension.applies).map((extension) => extension.en).join(', ') || t('gaps.noExtensions'),
            sources: report.sources.join(', ') || t('gaps.noSources'),
            min: report.effortWeeks.min,
            max: report.effortWeeks.max,
          })}
        </p>
        {carry && <p class="carry-over-sentence" data-testid="carry-over-sentence">{carry.sentence}</p>}
        <div class="gaps-headline">
          <div>
            <p class="big-number">{overall.fullPercent}%</p>
            <p class="muted">{t('gaps.headline.covered', { carry: carry ? 'yes' : 'no', covered: overall.covered, applicable: overall.applicable })}</p>
          </div>
          {carry && (
            <div>
              <p class="big-number">{carry.onceRepositionedPercent}%</p>
              <p class="muted">{t('gaps.headline.repositioned', { count: carry.metOnceRepositioned })}</p>
            </div>
          )}
          {carry && (
            <div>
              <p class="big-number">{carry.evidenceReusePercent}%</p>
              <p class="muted">{t('gaps.headline.evidence')}</p>
            </div>
          )}
          <div>
            <p class="big-number">{overall.weightedPercent}%</p>
            <p class="muted">{t('gaps.headline.weighted')}</p>
          </div>
          <div>
            <p class="big-number">{overall.gap}</p>
            <p class="muted">{t('gaps.headline.gaps', { count: overall.gap, evidence: overall.evidenceNeeded })}</p>
          </div>
        </div>
        <Bar covered={overall.covered} partial={overall.partial} evidence={overall.evidenceNeeded} gap={overall.gap} total={overall.applicable} />
        {carry && (
          <p class="hint">
            {t('gaps.carryLine', { asIs: carry.metAsIs, repositioned: carry.metOnceRepositioned, evidence: carry.evidenceNeeded, extend: carry.extendControl, add: carry.newControl })}
            {carry.range ? ` · ${t('gaps.carryRange', { min: carry.range.min, max: carry.range.max, level: report.level })}` : ''}
            {carry.newAtLevel ? ` · ${t('gaps.carryNewAtLevel', { items: carry.newAtLevel.items, level: carry.newAtLevel.comparedWith, met: carry.newAtLevel.metAsIs })}` : ''}
          </p>
        )}
        <p class="gap-legend">
          {STATUSES.slice().reverse().map((value) => (
            <span key={value}>
              <span class={`swatch ${value === 'evidence_needed' ? 'evidence' : value}`} aria-hidden="true" /> {label(value)}
            </span>
          ))}
        </p>
        <div class="table-wrap">
          <table class="data">
            <caption class="visually-hidden">{t('gaps.byCategory')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gaps.col.category')}</th>
                <th scope="col">{t('gaps.col.items')}</th>
                <th scope="col">{t('gaps.col.coverage')}</th>
                <th scope="col">{t('gaps.col.covered')}</th>
                <th scope="col">{t('gaps.col.weighted')}</th>
              </tr>
            </thead>
            <tbody>
              {report.coverage.byCategory.map((row) => (
                <tr key={row.category}>
                  <th scope="row">
                    {row.en} <span class="muted">{row.zh}</span>
                  </th>
                  <td>{row.applicable}</td>
                  <td class="bar-cell"><Bar covered={row.covered} partial={row.partial} evidence={row.evidenceNeeded} gap={row.gap} total={row.applicable} /></td>
                  <td>{row.fullPercent}%</td>
                  <td>{row.weightedPercent}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {report.themes.length > 0 && (
        <section class="panel" aria-labelledby="themes-title">
          <h2 id="themes-title">{t('gaps.themes')}</h2>
          <ul class="theme-list">
            {report.themes.map((group) => (
              <li key={group.theme} class={group.open === 0 ? 'done' : ''}>
                <div class="theme-head">
                  <strong>{group.title}</strong>
                  <Chip value={group.open === 0 ? 'covered' : 'gap'} text={group.open === 0 ? t('gaps.theme.nothingOpen') : t('gaps.theme.open', { open: group.open, total: group.items.length })} />
                  <Chip value={group.remediation} tone={group.remediation === 'add' ? 'warn' : 'info'} text={group.remediation === 'add' ? t('gaps.theme.add') : t('gaps.theme.reposition')} />
                  <span class="muted">{t('gaps.theme.weeks', { min: group.effortWeeks.min, max: group.effortWeeks.max })}</span>
                </div>
                <p class="muted">{group.why}</p>
                <button type="button" class="button small" onClick={() => { setTheme(group.theme); setStatus(''); }}>{t('gaps.theme.show')}</button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section class="panel" aria-labelledby="register-title">
        <h2 id="register-title">{t('gaps.register')}</h2>
        <p class="gaps-downloads">
          {t('gaps.downloadAll')}{' '}
          <a class="button small" href={api.gapsUrl(engagement.id, 'xlsx', language)} download data-testid="gaps-xlsx">{t('gaps.excel')}</a>{' '}
          <a class="button small" href={api.gapsUrl(engagement.id, 'csv', language)} download data-testid="gaps-csv">CSV</a>
        </p>
        <div class="toolbar">
          <label class="field">
            <span class="field-label">{t('gaps.col.status')}</span>
            <select value={status} onChange={(event) => { setStatus(event.currentTarget.value); setLimit(PAGE); }} name="status">
              <option value="open">{t('gaps.filter.notCovered')}</option>
              <option value="">{t('gaps.filter.all')}</option>
              {STATUSES.map((value) => <option key={value} value={value}>{label(value)}</option>)}
            </select>
          </label>
          <label class="field">
            <span class="field-label">{t('gaps.col.category')}</span>
            <select value={category} onChange={(event) => { setCategory(event.currentTarget.value); setLimit(PAGE); }} name="category">
              <option value="">{t('gaps.filter.all')}</option>
              {report.coverage.byCategory.map((row) => <option key={row.category} value={row.category}>{row.en}</option>)}
            </select>
          </label>
          <label class="field">
            <span class="field-label">{t('gaps.filter.theme')}</span>
            <select value={theme} onChange={(event) => { setTheme(event.currentTarget.value); setLimit(PAGE); }} name="theme">
              <option value="">{t('gaps.filter.all')}</option>
              {report.themes.map((group) => <option key={group.theme} value={group.theme}>{group.title}</option>)}
            </select>
          </label>
          <label class="field">
            <span class="field-label">{t('gaps.filter.search')}</span>
            <input type="search" value={query} onInput={(event) => { setQuery(event.currentTarget.value); setLimit(PAGE); }} placeholder={t('gaps.filter.searchPlaceholder')} name="q" />
          </label>
          <p class="hint" role="status">{t('gaps.filter.count', { shown: items.length, total: report.items.length })}</p>
        </div>
        {items.length === 0 ? (
          <Empty title={t('gaps.filter.none')} />
        ) : (
          <div class="table-wrap">
            <table class="data gap-table">
              <thead>
                <tr>
                  <th scope="col">{t('gaps.col.clause')}</th>
                  <th scope="col">{t('gaps.col.requirement')}</th>
                  <th scope="col">{t('gaps.col.status')}</th>
                  <th scope="col">{t('gaps.col.carriedBy')}</th>
                  <th scope="col">{t('gaps.col.do')}</th>
                </tr>
              </thead>
              <tbody>
                {items.slice(0, limit).map((item) => (
                  <tr key={item.id}>
                    <td class="nowrap">
                      {item.clause}
                      <br />
                      <code>{item.id}</code>
                    </td>
                    <td>
                      <span class="muted">{item.controlPoint.zh} · {item.controlPoint.en}</span>
                      <br />
                      {item.paraphrase}
                      {item.needsReview && <span class="review-flag" title={item.reviewNote ?? ''}> · {t('gaps.placementCheck')}</span>}
                    </td>
                    <td><Chip value={item.status} /></td>
                    <td class="evidence-cell">
                      {item.evidence.length === 0 ? <span class="muted">—</span> : item.evidence.slice(0, 4).map((link) => (
                        <span key={`${link.framework}-${link.control}`} title={t(link.reusableEvidence ? 'gaps.evidenceTitleReuse' : 'gaps.evidenceTitle', { name: link.controlName, relationship: link.relationship, strength: link.strength, rationale: link.rationale, reuse: link.reusableEvidence ?? '' })}>
                          {link.control}
                          {link.attested ? '' : '*'}
                        </span>
                      ))}
                      {item.basis.length > 0 && <p class="muted basis">{item.basis[0]}</p>}
                    </td>
                    <td>{item.remediation === 'none' ? '' : item.remediation}{item.carryOver && item.carryOver !== 'met' ? <span class="muted"> ({carryLabel(item.carryOver)})</span> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {items.length > limit && (
          <button type="button" class="button" onClick={() => setLimit(limit + PAGE * 4)}>{t('gaps.showMore', { left: items.length - limit })}</button>
        )}
        <p class="hint">{t('gaps.attestedNote')}</p>

      </section>
    </>
  );
}
