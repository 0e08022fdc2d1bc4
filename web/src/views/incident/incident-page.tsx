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

export function IncidentPage({ incidentId }: { incidentId: string }) {
  const { engagement, canEdit } = useEngagement();
  const state = useAsync(() => api.incident(engagement.id, incidentId), [engagement.id, incidentId]);
  const events = useAsync(() => api.incidentEvents(engagement.id, incidentId), [engagement.id, incidentId, state.data?.version]);
  const [editing, setEditing] = useState(false);
  const now = useServerNow(state.data?.clock.now);
  if (state.error && !state.data) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading what="the incident" />;
  const incident = state.data;
  const writable = canEdit && incident.status !== 'closed';
  const update = (next: Incident) => {
    state.set(next);
    setEditing(false);
  };
  return (
    <article class="incident" aria-labelledby="incident-title">
      <p class="crumbs"><a href={`/e/${engagement.id}/incidents`}>Incidents</a> /</p>
      <div class="page-head">
        <div>
          <h2 id="incident-title">Incident {incident.number}: {incident.title}</h2>
          <p class="muted">
            <Chip value={incident.status} text={STATUS_LABEL[incident.status]} tone={STATUS_TONE[incident.status]} /> Discovered {incident.assessment.discoveredAt} Beijing time
            {incident.system ? ` · ${incident.system.name}` : ''} · {OPERATOR_LABEL[incident.assessment.operatorType]}
          </p>
        </div>
        <p class="incident-now" aria-label="Beijing time now">Beijing time now <strong data-testid="beijing-now">{beijing(now)}</strong></p>
      </div>
      <GradeSummary grade={incident.assessment.grade} reportable={incident.assessment.reportable} reasons={incident.assessment.gradeReasons} />

      <h3>Who must be told, and by when</h3>
      <div class="table-wrap">
        <table class="data" data-testid="incident-deadlines">
          <thead><tr><th scope="col">Duty</th><th scope="col">To</th><th scope="col">Due (Beijing time)</th><th scope="col">Time left</th><th scope="col"><span class="visually-hidden">Record</span></th></tr></thead>
          <tbody>
            {incident.deadlines.map((deadline) => (
              <tr key={deadline.duty} data-overdue={deadline.dueAt != null && !deadline.made && Date.parse(deadline.dueAt) < now ? 'true' : undefined}>
                <th scope="row">{DUTY_LABEL[deadline.duty] ?? deadline.duty}{deadline.needsLegalReview ? <span class="muted"> (needs legal review)</span> : null}</th>
                <td>{deadline.to}<br /><span class="muted">{deadline.detail}</span></td>
                <td>{deadline.dueBy ?? <span class="muted">{deadline.duty === 'summary_report' ? 'from the end of handling' : 'no time limit'}</span>}</td>
                <td>
                  {deadline.made ? <span>Made {deadline.made.madeAtBeijing}{deadline.made.late ? <strong class="overdue-text"> (after the deadline)</strong> : null}{deadline.made.reference ? ` · ref. ${deadline.made.reference}` : ''}</span>
                    : deadline.dueAt ? <Countdown dueAt={deadline.dueAt} now={now} /> : '–'}
                </td>
                <td>{writable && deadline.recordable && !deadline.made && <RecordReport incident={incident} deadline={deadline} now={now} onRecorded={update} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div class="actions">
        <a class="button" href={api.incidentReportUrl(engagement.id, incident.id, 'en', 'docx')} download>Initial report, English (DOCX)</a>
        <a class="button" href={api.incidentReportUrl(engagement.id, incident.id, 'zh-CN', 'docx')} download>初次报告，中文 (DOCX)</a>
        <a class="button ghost" href={api.incidentReportUrl(engagement.id, incident.id, 'en', 'md')} download>English (Markdown)</a>
        <a class="button ghost" href={api.incidentReportUrl(engagement.id, incident.id, 'zh-CN', 'md')} download>中文 (Markdown)</a>
      </div>

      {writable && !editing && (
        <div class="actions">
          <button type="button" class="button" onClick={() => setEditing(true)}>Change the facts</button>
          <CloseIncident incident={incident} onClosed={update} />
        </div>
      )}
      {editing && <IncidentForm engagementId={engagement.id} systems={systemsOf(engagement.profile)} incident={incident} onSaved={update} onCancel={() => setEditing(false)} />}
      {incident.facts.description && (
        <>
          <h3>What happened</h3>
          <p class="incident-description" data-testid="incident-description">{incident.facts.description}</p>
        </>
      )}
      <details>
        <summary>Not checked against the facts ({incident.assessment.notEvaluated.length})</summary>
        <ul>{incident.assessment.notEvaluated.map((line) => <li key={line}>{line}</li>)}</ul>
      </details>
      {incident.assessment.legalReviewReasons.length > 0 && (
        <details>
          <summary>Needs legal review ({incident.assessment.legalReviewReasons.length})</summary>
          <ul>{incident.assessment.legalReviewReasons.map((line) => <li key={line}>{line}</li>)}</ul>
        </details>
      )}

      <h3>History</h3>
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
  const who = event.by ? event.by.name || event.by.email : 'someone since removed';
  const when = `${formatDateTime(event.at)} (${beijing(Date.parse(event.at)).slice(0, 16)} Beijing time)`;
  let what = '';
  if (event.kind === 'created') what = `“${event.detail.title}”`;
  if (event.kind === 'facts_changed') {
    const parts = [
      ...(event.detail.before.title !== undefined ? [`title “${event.detail.before.title}” → “${event.detail.after.title ?? ''}”`] : []),
      ...Object.keys(event.detail.after.facts ?? {}).map((key) => `${key} ${JSON.stringify(event.detail.before.facts?.[key] ?? null)} → ${JSON.stringify(event.detail.after.facts?.[key] ?? null)}`),
    ];
    what = parts.join('; ');
  }
  if (event.kind === 'report_made') what = `${DUTY_LABEL[event.detail.duty] ?? event.detail.duty} to ${event.detail.to}, made ${beijing(Date.parse(event.detail.madeAt)).slice(0, 16)} Beijing time${event.detail.reference ? `, ref. ${event.detail.reference}` : ''}`;
  if (event.kind === 'closed') what = event.detail.note ?? '';
  return <><strong>{EVENT_LABEL[event.kind]}</strong> by {who}, {when}{what ? `: ${what}` : ''}</>;
}

function RecordReport({ incident, deadline, now, onRecorded }: { incident: Incident; deadline: IncidentDeadline; now: number; onRecorded: (incident: Incident) => void }) {
  const { engagement } = useEngagement();
  const [open, setOpen] = useState(false);
  const [madeAt, setMadeAt] = useState('');
  const [reference, setReference] = useState('');
  const action = useAction();
  const label = DUTY_LABEL[deadline.duty] ?? deadline.duty;
  if (!open) {
    return <button type="button" class="button" onClick={() => { setMadeAt(beijing(now).slice(0, 16).replace(' ', 'T')); setOpen(true); }}>Record as made</button>;
  }
  return (
    <form class="record-report" aria-label={`Record the ${label.toLowerCase()} as made`} onSubmit={(event) => {
      event.preventDefault();
      void action.run(async () => onRecorded(await api.recordIncidentReport(engagement.id, incident.id, { duty: deadline.duty, madeAt, ...(reference ? { reference } : {}), version: incident.version })));
    }}>
      <label class="field"><span class="field-label">Made at (Beijing time)</span><input type="datetime-local" value={madeAt} required onInput={(event) => setMadeAt(event.currentTarget.value)} /></label>
      <label class="field"><span class="field-label">Reference <span class="optional">(optional)</span></span><input value={reference} maxLength={200} onInput={(event) => setReference(event.currentTarget.value)} /></label>
      <div class="actions">
        <button type="button" class="button ghost" onClick={() => setOpen(false)}>Cancel</button>
        <button type="submit" class="button primary" disabled={action.busy}>Record</button>
      </div>
      {action.error ? <ErrorNotice error={action.error} /> : null}
    </form>
  );
}

function CloseIncident({ incident, onClosed }: { incident: Incident; onClosed: (incident: Incident) => void }) {
  const { engagement } = useEngagement();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const action = useAction();
  if (!confirming) return <button type="button" class="button" onClick={() => setConfirming(true)}>Close the incident</button>;
  return (
    <form class="close-incident" aria-label="Close the incident" onSubmit={(event) => {
      event.preventDefault();
      void action.run(async () => onClosed(await api.closeIncident(engagement.id, incident.id, incident.version, note.trim() || undefined)));
    }}>
      <p>A closed incident no longer changes: record every report first.</p>
      <label class="field"><span class="field-label">Note <span class="optional">(optional)</span></span><input value={note} maxLength={2000} onInput={(event) => setNote(event.currentTarget.value)} /></label>
      <div class="actions">
        <button type="button" class="button ghost" onClick={() => setConfirming(false)}>Cancel</button>
        <button type="submit" class="button primary" disabled={action.busy}>Close it</button>
      </div>
      {action.error ? <ErrorNotice error={action.error} /> : null}
    </form>
  );
}
