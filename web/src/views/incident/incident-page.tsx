// One incident: its grade and why, a live countdown to each deadline (the server's clock, Beijing
// time, overdue shown plainly), recording a report as made, closing, changing the facts, the
// event history, and the prefilled initial report in English and Chinese.
import { useState } from 'preact/hooks';
import { api, type Incident, type IncidentDeadline, type IncidentEvent } from '../../api.ts';
import { Chip, ErrorNotice, Loading, formatDateTime, useAction, useAsync } from '../../components/common.tsx';
import { useEngagement } from '../engagement.tsx';
import { Countdown, beijing, useServerNow } from './countdown.tsx';
import { GradeSummary, IncidentForm, systemsOf } from './incident-form.tsx';
import { DUTY_LABEL, EVENT_LABEL, OPERATOR_LABEL, STATUS_LABEL, STATUS_TONE } from './incident-labels.ts';
import { t, tx, useLocale, useT } from '../../i18n/i18n.ts';

/** The prefilled initial report, each language's link named in that language. */
const REPORT_LINKS = [
  { lang: 'en', format: 'docx', text: 'Initial report, English (DOCX)', ghost: false },
  { lang: 'zh-CN', format: 'docx', text: '初次报告，中文 (DOCX)', ghost: false },
  { lang: 'en', format: 'md', text: 'English (Markdown)', ghost: true },
  { lang: 'zh-CN', format: 'md', text: '中文 (Markdown)', ghost: true },
] as const;

export function IncidentPage({ incidentId }: { incidentId: string }) {
  const t = useT();
  const { engagement, canEdit } = useEngagement();
  const locale = useLocale();
  const state = useAsync(() => api.incident(engagement.id, incidentId), [engagement.id, incidentId, locale]);
  const events = useAsync(() => api.incidentEvents(engagement.id, incidentId), [engagement.id, incidentId, state.data?.version]);
  const [editing, setEditing] = useState(false);
  const now = useServerNow(state.data?.clock.now);
  if (state.error && !state.data) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading what={t('incident.loadingWhat')} />;
  const incident = state.data;
  const writable = canEdit && incident.status !== 'closed';
  const update = (next: Incident) => {
    state.set(next);
    setEditing(false);
  };
  return (
    <article class="incident" aria-labelledby="incident-title">
      <p class="crumbs"><a href={`/e/${engagement.id}/incidents`}>{t('tab.incidents')}</a> /</p>
      <div class="page-head">
        <div>
          <h2 id="incident-title">{t('incident.title', { number: incident.number, title: incident.title })}</h2>
          <p class="muted">
            <Chip value={incident.status} text={STATUS_LABEL[incident.status]} tone={STATUS_TONE[incident.status]} /> {t('incident.discovered', { at: incident.assessment.discoveredAt })}
            {incident.system ? ` · ${incident.system.name}` : ''} · {OPERATOR_LABEL[incident.assessment.operatorType]}
          </p>
        </div>
        <p class="incident-now" aria-label={t('incident.nowLabel')}>{t('incident.nowLabel')} <strong data-testid="beijing-now">{beijing(now)}</strong></p>
      </div>
      <GradeSummary grade={incident.assessment.grade} reportable={incident.assessment.reportable} reasons={incident.assessment.gradeReasons} />

      <h3>{t('incident.whoWhen')}</h3>
      <div class="table-wrap">
        <table class="data" data-testid="incident-deadlines">
          <thead><tr><th scope="col">{t('calendar.col.duty')}</th><th scope="col">{t('incident.col.to')}</th><th scope="col">{t('incident.col.due')}</th><th scope="col">{t('incident.col.left')}</th><th scope="col"><span class="visually-hidden">{t('incident.record.submit')}</span></th></tr></thead>
          <tbody>
            {incident.deadlines.map((deadline) => (
              <tr key={deadline.duty} data-overdue={deadline.dueAt != null && !deadline.made && Date.parse(deadline.dueAt) < now ? 'true' : undefined}>
                <th scope="row">{DUTY_LABEL[deadline.duty] ?? deadline.duty}{deadline.needsLegalReview ? <span class="muted"> {t('incident.needsReview')}</span> : null}</th>
                <td>{deadline.to}<br /><span class="muted">{deadline.detail}</span></td>
                <td>{deadline.dueBy ?? <span class="muted">{deadline.duty === 'summary_report' ? t('incident.fromHandlingEnd') : t('incident.noTimeLimit')}</span>}</td>
                <td>
                  {deadline.made ? <span>{t('incident.made', { at: deadline.made.madeAtBeijing })}{deadline.made.late ? <strong class="overdue-text"> {t('incident.late')}</strong> : null}{deadline.made.reference ? ` · ${t('incident.ref', { reference: deadline.made.reference })}` : ''}</span>
                    : deadline.dueAt ? <Countdown dueAt={deadline.dueAt} now={now} /> : '–'}
                </td>
                <td>{writable && deadline.recordable && !deadline.made && <RecordReport incident={incident} deadline={deadline} now={now} onRecorded={update} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div class="actions">
        {REPORT_LINKS.map((link) => (
          <a key={`${link.lang}-${link.format}`} class={link.ghost ? 'button ghost' : 'button'} lang={link.lang} href={api.incidentReportUrl(engagement.id, incident.id, link.lang, link.format)} download>{link.text}</a>
        ))}
      </div>

      {writable && !editing && (
        <div class="actions">
          <button type="button" class="button" onClick={() => setEditing(true)}>{t('incident.changeFacts')}</button>
          <CloseIncident incident={incident} onClosed={update} />
        </div>
      )}
      {editing && <IncidentForm engagementId={engagement.id} systems={systemsOf(engagement.profile)} incident={incident} onSaved={update} onCancel={() => setEditing(false)} />}
      {incident.facts.description && (
        <>
          <h3>{t('incident.form.whatTitle')}</h3>
          <p class="incident-description" data-testid="incident-description">{incident.facts.description}</p>
        </>
      )}
      <details>
        <summary>{t('incident.notChecked', { count: incident.assessment.notEvaluated.length })}</summary>
        <ul>{incident.assessment.notEvaluated.map((line) => <li key={line}>{line}</li>)}</ul>
      </details>
      {incident.assessment.legalReviewReasons.length > 0 && (
        <details>
          <summary>{t('explain.review', { count: incident.assessment.legalReviewReasons.length })}</summary>
          <ul>{incident.assessment.legalReviewReasons.map((line) => <li key={line}>{line}</li>)}</ul>
        </details>
      )}

      <h3>{t('item.history')}</h3>
      {events.error ? <ErrorNotice error={events.error} onRetry={events.reload} /> : null}
      {events.data && (
        <ol class="incident-events" data-testid="incident-events">
          {events.data.map((event) => <li key={event.id}><EventLine event={event} /></li>)}
        </ol>
      )}
    </article>
  );
}

function EventLine({ event }: { event: IncidentEvent }) {
  useT();
  const who = event.by ? event.by.name || event.by.email : t('incident.event.removed');
  const when = t('incident.event.when', { local: formatDateTime(event.at), beijing: beijing(Date.parse(event.at)).slice(0, 16) });
  let what = '';
  if (event.kind === 'created') what = `“${event.detail.title}”`;
  if (event.kind === 'facts_changed') {
    const parts = [
      ...(event.detail.before.title !== undefined ? [t('incident.event.retitled', { before: event.detail.before.title, after: event.detail.after.title ?? '' })] : []),
      ...Object.keys(event.detail.after.facts ?? {}).map((key) => `${key} ${JSON.stringify(event.detail.before.facts?.[key] ?? null)} → ${JSON.stringify(event.detail.after.facts?.[key] ?? null)}`),
    ];
    what = parts.join(t('overview.listSemicolon'));
  }
  if (event.kind === 'report_made') what = t(event.detail.reference ? 'incident.event.reportRef' : 'incident.event.report', { duty: DUTY_LABEL[event.detail.duty] ?? event.detail.duty, to: event.detail.to, at: beijing(Date.parse(event.detail.madeAt)).slice(0, 16), reference: event.detail.reference ?? '' });
  if (event.kind === 'closed') what = event.detail.note ?? '';
  return <>{tx(what ? 'incident.event.lineWhat' : 'incident.event.line', { kind: EVENT_LABEL[event.kind] ?? event.kind, who, when, what, strong: (chunks) => <strong>{chunks}</strong> })}</>;
}

function RecordReport({ incident, deadline, now, onRecorded }: { incident: Incident; deadline: IncidentDeadline; now: number; onRecorded: (incident: Incident) => void }) {
  const t = useT();
  const { engagement } = useEngagement();
  const [open, setOpen] = useState(false);
  const [madeAt, setMadeAt] = useState('');
  const [reference, setReference] = useState('');
  const action = useAction();
  const label = DUTY_LABEL[deadline.duty] ?? deadline.duty;
  if (!open) {
    return <button type="button" class="button" onClick={() => { setMadeAt(beijing(now).slice(0, 16).replace(' ', 'T')); setOpen(true); }}>{t('countdown.done.button')}</button>;
  }
  return (
    <form class="record-report" aria-label={t('incident.record.label', { duty: label.toLowerCase() })} onSubmit={(event) => {
      event.preventDefault();
      void action.run(async () => onRecorded(await api.recordIncidentReport(engagement.id, incident.id, { duty: deadline.duty, madeAt, ...(reference ? { reference } : {}), version: incident.version })));
    }}>
      <label class="field"><span class="field-label">{t('incident.record.madeAt')}</span><input type="datetime-local" value={madeAt} required onInput={(event) => setMadeAt(event.currentTarget.value)} /></label>
      <label class="field"><span class="field-label">{t('incident.record.reference')} <span class="optional">{t('common.optional')}</span></span><input value={reference} maxLength={200} onInput={(event) => setReference(event.currentTarget.value)} /></label>
      <div class="actions">
        <button type="button" class="button ghost" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
        <button type="submit" class="button primary" disabled={action.busy}>{t('incident.record.submit')}</button>
      </div>
      {action.error ? <ErrorNotice error={action.error} /> : null}
    </form>
  );
}

function CloseIncident({ incident, onClosed }: { incident: Incident; onClosed: (incident: Incident) => void }) {
  const t = useT();
  const { engagement } = useEngagement();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const action = useAction();
  if (!confirming) return <button type="button" class="button" onClick={() => setConfirming(true)}>{t('incident.close.open')}</button>;
  return (
    <form class="close-incident" aria-label={t('incident.close.open')} onSubmit={(event) => {
      event.preventDefault();
      void action.run(async () => onClosed(await api.closeIncident(engagement.id, incident.id, incident.version, note.trim() || undefined)));
    }}>
      <p>{t('incident.close.warning')}</p>
      <label class="field"><span class="field-label">{t('incident.close.note')} <span class="optional">{t('common.optional')}</span></span><input value={note} maxLength={2000} onInput={(event) => setNote(event.currentTarget.value)} /></label>
      <div class="actions">
        <button type="button" class="button ghost" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
        <button type="submit" class="button primary" disabled={action.busy}>{t('incident.close.submit')}</button>

      </div>
      {action.error ? <ErrorNotice error={action.error} /> : null}
    </form>
  );
}
