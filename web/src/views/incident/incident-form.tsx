// The form that grades an incident from its facts: as the consultant types, the server grades the
// facts without storing them (a live preview of the grade, who must be told and the deadlines);
// saving records the incident, or its changed facts. Times are entered in Beijing time.
import { useMemo, useState } from 'preact/hooks';
import { api, type Incident, type IncidentDeadline, type IncidentFactsInput } from '../../api.ts';
import { Chip, ErrorNotice, useAction, useAsync, useDebounced } from '../../components/common.tsx';
import { Countdown, beijing, useServerNow } from './countdown.tsx';
import { DATA_CLASS_LABEL, DUTY_LABEL, GRADE_LABEL, GRADE_TONE, OPERATOR_LABEL } from './incident-labels.ts';
import { tx, useT } from '../../i18n/i18n.ts';

/** The engagement's systems by id and name, from its profile. */
export function systemsOf(profile: Record<string, unknown>): Array<{ id: string; name: string }> {
  const systems = Array.isArray(profile.systems) ? (profile.systems as Array<{ id?: unknown; name?: unknown }>) : [];
  return systems.filter((system) => typeof system.id === 'string').map((system) => ({ id: system.id as string, name: typeof system.name === 'string' && system.name ? system.name : (system.id as string) }));
}

interface FormState {
  title: string;
  discoveredAt: string;
  systemId: string;
  operatorType: string;
  piLeakedIndividuals: string;
  dataClasses: string[];
  ciiInvolved: boolean;
  ciiOverallOutageHours: string;
  ciiMainFunctionOutageHours: string;
  serviceDisruptionHours: string;
  directLossRmb: string;
  handlingEndedAt: string;
  description: string;
}

const number = (text: string) => (text.trim() === '' ? undefined : Number(text));

function factsOf(state: FormState): IncidentFactsInput {
  const facts: IncidentFactsInput = {
    discoveredAt: state.discoveredAt,
    systemId: state.systemId || null,
    description: state.description,
    dataClasses: state.dataClasses as IncidentFactsInput['dataClasses'],
    piLeakedIndividuals: number(state.piLeakedIndividuals) ?? 0,
    ciiInvolved: state.ciiInvolved,
  };
  if (state.operatorType) facts.operatorType = state.operatorType as IncidentFactsInput['operatorType'];
  if (state.ciiInvolved) {
    facts.ciiOverallOutageHours = number(state.ciiOverallOutageHours);
    facts.ciiMainFunctionOutageHours = number(state.ciiMainFunctionOutageHours);
  }
  facts.serviceDisruptionHours = number(state.serviceDisruptionHours);
  facts.directLossRmb = number(state.directLossRmb);
  if (state.handlingEndedAt) facts.handlingEndedAt = state.handlingEndedAt;
  return JSON.parse(JSON.stringify(facts)) as IncidentFactsInput;
}

function stateOf(incident: Incident | null, now: number): FormState {
  const facts = incident?.facts;
  const text = (value: number | undefined) => (value == null ? '' : String(value));
  return {
    title: incident?.title ?? '',
    discoveredAt: facts?.discoveredAt.slice(0, 16) ?? beijing(now).slice(0, 16).replace(' ', 'T'),
    systemId: facts?.systemId ?? '',
    operatorType: facts?.operatorType ?? '',
    piLeakedIndividuals: text(facts?.piLeakedIndividuals ?? 0),
    dataClasses: facts?.dataClasses ?? [],
    ciiInvolved: facts?.ciiInvolved ?? false,
    ciiOverallOutageHours: text(facts?.ciiOverallOutageHours),
    ciiMainFunctionOutageHours: text(facts?.ciiMainFunctionOutageHours),
    serviceDisruptionHours: text(facts?.serviceDisruptionHours),
    directLossRmb: text(facts?.directLossRmb),
    handlingEndedAt: facts?.handlingEndedAt?.slice(0, 16) ?? '',
    description: facts?.description ?? '',
  };
}

export function IncidentForm({ engagementId, systems, incident, onSaved, onCancel }: {
  engagementId: string;
  systems: Array<{ id: string; name: string }>;
  /** The incident whose facts are changed; null records a new one. */
  incident: Incident | null;
  onSaved: (incident: Incident) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const [state, setState] = useState<FormState>(() => stateOf(incident, Date.now()));
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((previous) => ({ ...previous, [key]: value }));
  const facts = useMemo(() => factsOf(state), [state]);
  const settled = useDebounced(JSON.stringify(facts), 300);
  const preview = useAsync(() => api.previewIncident(engagementId, JSON.parse(settled) as IncidentFactsInput), [engagementId, settled]);
  const save = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void save.run(async () => {
      onSaved(incident ? await api.updateIncident(engagementId, incident.id, state.title, facts, incident.version) : await api.createIncident(engagementId, state.title, facts));
    });
  };
  const input = (key: keyof FormState) => (event: Event) => set(key, (event.currentTarget as HTMLInputElement).value as never);

  return (
    <div class="incident-editor">
      <form class="card incident-form" onSubmit={submit} aria-label={incident ? t('incident.changeFacts') : t('incident.record')}>
        <label class="field">
          <span class="field-label">{t('item.title')}</span>
          <input name="title" value={state.title} required maxLength={200} onInput={input('title')} />
        </label>
        <div class="field-row">
          <label class="field">
            <span class="field-label">{t('incidents.col.discovered')}</span>
            <input type="datetime-local" name="discoveredAt" value={state.discoveredAt} required onInput={input('discoveredAt')} />
          </label>
          <label class="field">
            <span class="field-label">{t('incident.form.system')} <span class="optional">{t('common.optional')}</span></span>
            <select name="systemId" value={state.systemId} onChange={input('systemId')}>
              <option value="">{t('incident.form.noSystem')}</option>
              {systems.map((system) => <option key={system.id} value={system.id}>{system.name}</option>)}
            </select>
          </label>
          <label class="field">
            <span class="field-label">{t('incident.form.operator')}</span>
            <select name="operatorType" value={state.operatorType} onChange={input('operatorType')}>
              <option value="">{t('incident.form.operatorDefault')}</option>
              {Object.entries(OPERATOR_LABEL).map(([value, text]) => <option key={value} value={value}>{text}</option>)}
            </select>
          </label>
        </div>
        <label class="field">
          <span class="field-label">{t('incident.form.leaked')}</span>
          <input type="number" name="piLeakedIndividuals" min={0} step={1} value={state.piLeakedIndividuals} onInput={input('piLeakedIndividuals')} />
        </label>
        <fieldset class="field">
          <legend class="field-label">{t('incident.form.data')}</legend>
          {Object.entries(DATA_CLASS_LABEL).map(([value, text]) => (
            <label key={value} class="choice">
              <input type="checkbox" checked={state.dataClasses.includes(value)} onChange={(event) => set('dataClasses', event.currentTarget.checked ? [...state.dataClasses, value] : state.dataClasses.filter((candidate) => candidate !== value))} /> {text}
            </label>
          ))}
        </fieldset>
        <label class="choice">
          <input type="checkbox" name="ciiInvolved" checked={state.ciiInvolved} onChange={(event) => set('ciiInvolved', event.currentTarget.checked)} /> {t('incident.form.cii')}
        </label>
        <div class="field-row">
          {state.ciiInvolved && (
            <>
              <label class="field">
                <span class="field-label">{t('incident.form.ciiOverall')}</span>
                <input type="number" min={0} step="any" value={state.ciiOverallOutageHours} onInput={input('ciiOverallOutageHours')} />
              </label>
              <label class="field">
                <span class="field-label">{t('incident.form.ciiMain')}</span>
                <input type="number" min={0} step="any" value={state.ciiMainFunctionOutageHours} onInput={input('ciiMainFunctionOutageHours')} />
              </label>
            </>
          )}
          <label class="field">
            <span class="field-label">{t('incident.form.disruption')} <span class="optional">{t('common.optional')}</span></span>
            <input type="number" min={0} step="any" value={state.serviceDisruptionHours} onInput={input('serviceDisruptionHours')} />
          </label>
          <label class="field">
            <span class="field-label">{t('incident.form.loss')} <span class="optional">{t('common.optional')}</span></span>
            <input type="number" min={0} step="any" value={state.directLossRmb} onInput={input('directLossRmb')} />
          </label>
          <label class="field">
            <span class="field-label">{t('incident.form.handlingEnded')} <span class="optional">{t('common.optional')}</span></span>
            <input type="datetime-local" value={state.handlingEndedAt} onInput={input('handlingEndedAt')} />
          </label>
        </div>
        <label class="field">
          <span class="field-label">{t('incident.form.what')} <span class="optional">{t('common.optional')}</span></span>
          <textarea name="description" rows={4} maxLength={5000} value={state.description} onInput={input('description')} />
        </label>
        <div class="actions">
          {onCancel && <button type="button" class="button ghost" onClick={onCancel}>{t('common.cancel')}</button>}
          <button type="submit" class="button primary" disabled={save.busy}>{save.busy ? t('item.saving') : incident ? t('incident.form.saveFacts') : t('incident.form.submit')}</button>
        </div>
        {save.error ? <ErrorNotice error={save.error} /> : null}
      </form>
      <section class="card incident-preview" aria-label={t('incident.form.liveGrade')} aria-live="polite">
        <h3>{t('incident.form.asFactsStand')}</h3>
        {preview.error ? <ErrorNotice error={preview.error} /> : null}
        {preview.data && !preview.error && <GradeSummary grade={preview.data.assessment.grade} reportable={preview.data.assessment.reportable} reasons={preview.data.assessment.gradeReasons} />}
        {preview.data && !preview.error && <DeadlineList deadlines={preview.data.deadlines} serverNow={preview.data.clock.now} />}
      </section>
    </div>
  );
}

export function GradeSummary({ grade, reportable, reasons }: { grade: string; reportable: boolean; reasons: string[] }) {
  const t = useT();
  return (
    <div class="incident-grade">
      <p>
        <Chip value={grade} text={GRADE_LABEL[grade] ?? grade} tone={GRADE_TONE[grade]} />{' '}
        {reportable ? <strong>{t('incident.reportable')}</strong> : <span>{t('incident.notReportable')}</span>}
      </p>
      <ul class="muted">{reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul>
    </div>
  );
}

/** Who must be told and by when, each timed deadline counting down. */
export function DeadlineList({ deadlines, serverNow }: { deadlines: IncidentDeadline[]; serverNow: string }) {
  const t = useT();
  const now = useServerNow(serverNow);
  if (deadlines.length === 0) return <p>{t('incident.nobody')}</p>;
  return (
    <ul class="deadline-list">
      {deadlines.map((deadline) => (
        <li key={deadline.duty}>
          {tx('incident.deadlineTo', { duty: DUTY_LABEL[deadline.duty] ?? deadline.duty, to: deadline.to, strong: (chunks) => <strong>{chunks}</strong> })}{' '}
          {deadline.dueBy ? <>{tx('incident.dueBy', { by: deadline.dueBy, time: (chunks) => <time dateTime={deadline.dueAt ?? undefined}>{chunks}</time> })} · {deadline.dueAt && <Countdown dueAt={deadline.dueAt} now={now} />}</> : <span class="muted">{t(deadline.duty === 'summary_report' ? 'incident.noLimitUntil' : 'incident.noLimit')}</span>}

        </li>
      ))}
    </ul>
  );
}
