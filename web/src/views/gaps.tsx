// The GB/T 22239-2019 gap register of each system at its graded MLPS level: coverage by category,
// the jurisdiction themes to work on, and every item with its status and the evidence behind it.
import { useMemo, useState } from 'preact/hooks';
import type { GapItem, GapReport } from '../../../src/core/controls/gap-analysis.ts';
import { api } from '../api.ts';
import { Chip, Empty, ErrorNotice, Loading, useAsync } from '../components/common.tsx';
import { label } from '../labels.ts';
import { useEngagement } from './engagement.tsx';
import './gaps.css';

const STATUSES = ['gap', 'evidence_needed', 'partial', 'covered'] as const;
const CARRY_LABEL: Record<GapItem['carryOver'], string> = { met: 'met as it stands', repositioned: 'met once repositioned', evidence: 'evidence needed', extend: 'extend a control', add: 'new control' };
const PAGE = 60;

export function GapsView() {
  const { engagement } = useEngagement();
  const state = useAsync(() => api.gaps(engagement.id), [engagement.id, engagement.version]);
  const [systemId, setSystemId] = useState<string | null>(null);

  if (state.error && !state.data) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading what="the gap register" />;
  const reports = state.data.systems as GapReport[];
  if (reports.length === 0) {
    return (
      <Empty title="No gap register">
        <p>{state.data.skipped.map((skip) => `${skip.systemId}: ${skip.reason}`).join(' ') || 'The profile lists no systems. Add them in the intake to grade them and see the GB/T 22239-2019 gaps.'}</p>
      </Empty>
    );
  }
  const report = reports.find((candidate) => candidate.systemId === systemId) ?? reports[0]!;
  return (
    <div class="gaps">
      <div class="toolbar">
        <label class="field">
          <span class="field-label">System</span>
          <select value={report.systemId} onChange={(event) => setSystemId(event.currentTarget.value)} name="system">
            {reports.map((candidate) => (
              <option key={candidate.systemId} value={candidate.systemId}>
                {candidate.systemName} (level {candidate.level})
              </option>
            ))}
          </select>
        </label>
        <a class="button" href={`/api/engagements/${engagement.id}/gaps?system=${encodeURIComponent(report.systemId)}`} download={`gaps-${report.systemId}.json`}>Download JSON</a>
        <p class="hint gaps-hint">The whole register downloads as Excel or CSV from the register below.</p>
      </div>
      <Report key={report.systemId} report={report} />
      {state.data.skipped.length > 0 && <p class="hint">Not analysed: {state.data.skipped.map((skip) => `${skip.systemId} (${skip.reason})`).join('; ')}</p>}
    </div>
  );
}

function Bar({ covered, partial, evidence, gap, total }: { covered: number; partial: number; evidence: number; gap: number; total: number }) {
  const pct = (value: number) => `${total === 0 ? 0 : (value / total) * 100}%`;
  return (
    <div class="gap-bar" role="img" aria-label={`${covered} covered, ${partial} partial, ${evidence} evidence needed, ${gap} gaps of ${total}`}>
      <span class="seg covered" style={{ width: pct(covered) }} />
      <span class="seg partial" style={{ width: pct(partial) }} />
      <span class="seg evidence" style={{ width: pct(evidence) }} />
      <span class="seg gap" style={{ width: pct(gap) }} />
    </div>
  );
}

function Report({ report }: { report: GapReport }) {
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
          {report.systemName}: level {report.level} {report.levelSource === 'graded' ? '(graded)' : '(requested)'}
        </h2>
        <p class="muted">
          Extensions: {report.extensions.filter((extension) => extension.applies).map((extension) => extension.en).join(', ') || 'none'} · carried over from: {report.sources.join(', ') || 'no ISO 27001 or SOC 2'} · effort {report.effortWeeks.min}–{report.effortWeeks.max} person-weeks (planning estimate)
        </p>
        {carry && <p class="carry-over-sentence" data-testid="carry-over-sentence">{carry.sentence}</p>}
        <div class="gaps-headline">
          <div>
            <p class="big-number">{overall.fullPercent}%</p>
            <p class="muted">{carry ? 'carries over as it stands' : 'covered'} ({overall.covered} of {overall.applicable})</p>
          </div>
          {carry && (
            <div>
              <p class="big-number">{carry.onceRepositionedPercent}%</p>
              <p class="muted">once repositioned ({carry.metOnceRepositioned} more items: log store, SM keys, reviews in the mainland)</p>
            </div>
          )}
          {carry && (
            <div>
              <p class="big-number">{carry.evidenceReusePercent}%</p>
              <p class="muted">evidence reuse (of what the assessor will ask for)</p>
            </div>
          )}
          <div>
            <p class="big-number">{overall.weightedPercent}%</p>
            <p class="muted">weighted (partial at half)</p>
          </div>
          <div>
            <p class="big-number">{overall.gap}</p>
            <p class="muted">gaps, {overall.evidenceNeeded} needing evidence</p>
          </div>
        </div>
        <Bar covered={overall.covered} partial={overall.partial} evidence={overall.evidenceNeeded} gap={overall.gap} total={overall.applicable} />
        {carry && (
          <p class="hint">
            {carry.metAsIs} met as they stand · {carry.metOnceRepositioned} once repositioned · {carry.evidenceNeeded} need evidence · {carry.extendControl} extend a control · {carry.newControl} new control
            {carry.range ? ` · practitioners estimate ${carry.range.min}-${carry.range.max}% at level ${report.level} (an unpublished practitioners' estimate)` : ''}
            {carry.newAtLevel ? ` · ${carry.newAtLevel.items} items that level ${carry.newAtLevel.comparedWith} lacks, ${carry.newAtLevel.metAsIs} of them met` : ''}
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
            <caption class="visually-hidden">Coverage by category</caption>
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">Items</th>
                <th scope="col">Coverage</th>
                <th scope="col">Covered</th>
                <th scope="col">Weighted</th>
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
          <h2 id="themes-title">What the mainland adds: themes to work on</h2>
          <ul class="theme-list">
            {report.themes.map((group) => (
              <li key={group.theme} class={group.open === 0 ? 'done' : ''}>
                <div class="theme-head">
                  <strong>{group.title}</strong>
                  <Chip value={group.open === 0 ? 'covered' : 'gap'} text={group.open === 0 ? 'nothing open' : `${group.open} of ${group.items.length} open`} />
                  <Chip value={group.remediation} tone={group.remediation === 'add' ? 'warn' : 'info'} text={group.remediation === 'add' ? 'add a control' : 'reposition a control'} />
                  <span class="muted">{group.effortWeeks.min}–{group.effortWeeks.max} weeks</span>
                </div>
                <p class="muted">{group.why}</p>
                <button type="button" class="button small" onClick={() => { setTheme(group.theme); setStatus(''); }}>Show its items</button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section class="panel" aria-labelledby="register-title">
        <h2 id="register-title">Register</h2>
        <p class="gaps-downloads">
          Download the whole register:{' '}
          <a class="button small" href={api.gapsUrl(engagement.id, 'xlsx')} download data-testid="gaps-xlsx">Excel (.xlsx)</a>{' '}
          <a class="button small" href={api.gapsUrl(engagement.id, 'csv')} download data-testid="gaps-csv">CSV</a>
        </p>
        <div class="toolbar">
          <label class="field">
            <span class="field-label">Status</span>
            <select value={status} onChange={(event) => { setStatus(event.currentTarget.value); setLimit(PAGE); }} name="status">
              <option value="open">Not covered</option>
              <option value="">All</option>
              {STATUSES.map((value) => <option key={value} value={value}>{label(value)}</option>)}
            </select>
          </label>
          <label class="field">
            <span class="field-label">Category</span>
            <select value={category} onChange={(event) => { setCategory(event.currentTarget.value); setLimit(PAGE); }} name="category">
              <option value="">All</option>
              {report.coverage.byCategory.map((row) => <option key={row.category} value={row.category}>{row.en}</option>)}
            </select>
          </label>
          <label class="field">
            <span class="field-label">Theme</span>
            <select value={theme} onChange={(event) => { setTheme(event.currentTarget.value); setLimit(PAGE); }} name="theme">
              <option value="">All</option>
              {report.themes.map((group) => <option key={group.theme} value={group.theme}>{group.title}</option>)}
            </select>
          </label>
          <label class="field">
            <span class="field-label">Search</span>
            <input type="search" value={query} onInput={(event) => { setQuery(event.currentTarget.value); setLimit(PAGE); }} placeholder="clause, id or words" name="q" />
          </label>
          <p class="hint" role="status">{items.length} of {report.items.length} items</p>
        </div>
        {items.length === 0 ? (
          <Empty title="No item matches these filters" />
        ) : (
          <div class="table-wrap">
            <table class="data gap-table">
              <thead>
                <tr>
                  <th scope="col">Clause</th>
                  <th scope="col">Requirement</th>
                  <th scope="col">Status</th>
                  <th scope="col">Carried by</th>
                  <th scope="col">Do</th>
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
                      {item.needsReview && <span class="review-flag" title={item.reviewNote ?? ''}> · placement to be checked against the standard</span>}
                    </td>
                    <td><Chip value={item.status} /></td>
                    <td class="evidence-cell">
                      {item.evidence.length === 0 ? <span class="muted">—</span> : item.evidence.slice(0, 4).map((link) => (
                        <span key={`${link.framework}-${link.control}`} title={`${link.controlName}: ${link.relationship}, strength ${link.strength}/10. ${link.rationale}${link.reusableEvidence ? ` Reusable evidence: ${link.reusableEvidence}` : ''}`}>
                          {link.control}
                          {link.attested ? '' : '*'}
                        </span>
                      ))}
                      {item.basis.length > 0 && <p class="muted basis">{item.basis[0]}</p>}
                    </td>
                    <td>{item.remediation === 'none' ? '' : item.remediation}{item.carryOver && item.carryOver !== 'met' ? <span class="muted"> ({CARRY_LABEL[item.carryOver]})</span> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {items.length > limit && (
          <button type="button" class="button" onClick={() => setLimit(limit + PAGE * 4)}>Show more ({items.length - limit} left)</button>
        )}
        <p class="hint">* implemented but not independently attested (no ISO 27001 certificate or SOC 2 Type 2 report).</p>
      </section>
    </>
  );
}
