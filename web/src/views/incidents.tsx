// The engagement's Incidents tab: the list of incidents with the next deadline of each counting
// down, the form that grades a new one (editors), and, at /e/:id/incidents/:incidentId, the
// incident's own page.
import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api } from '../api.ts';
import { Chip, Empty, ErrorNotice, Loading, useAsync } from '../components/common.tsx';
import { useEngagement } from './engagement.tsx';
import { Countdown, useServerNow } from './incident/countdown.tsx';
import { IncidentForm, systemsOf } from './incident/incident-form.tsx';
import { DUTY_LABEL, GRADE_LABEL, GRADE_TONE, STATUS_LABEL, STATUS_TONE } from './incident/incident-labels.ts';
import { IncidentPage } from './incident/incident-page.tsx';
import './incident/incident.css';
import { useLocale, useT } from '../i18n/i18n.ts';

export function IncidentsView() {
  const { params } = useRoute();
  return params.sub ? <IncidentPage incidentId={params.sub} /> : <IncidentList />;
}

function IncidentList() {
  const t = useT();
  const { engagement, canEdit } = useEngagement();
  const { route } = useLocation();
  const locale = useLocale();
  const list = useAsync(() => api.incidents(engagement.id), [engagement.id, locale]);
  const [adding, setAdding] = useState(false);
  const now = useServerNow(list.data?.clock.now);
  return (
    <div class="incidents">
      <div class="toolbar">
        <p class="muted">{t('incidents.lede')}</p>
        {canEdit && !adding && <button type="button" class="button primary" onClick={() => setAdding(true)}>{t('incidents.new')}</button>}
      </div>
      {adding && (
        <IncidentForm
          engagementId={engagement.id}
          systems={systemsOf(engagement.profile)}
          incident={null}
          onCancel={() => setAdding(false)}
          onSaved={(incident) => route(`/e/${engagement.id}/incidents/${incident.id}`)}
        />
      )}
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {!list.data && !list.error && <Loading what={t('incidents.loadingWhat')} />}
      {list.data && list.data.incidents.length === 0 && !adding && <Empty title={t('incidents.empty')}>{canEdit ? t('incidents.emptyHelp') : null}</Empty>}
      {list.data && list.data.incidents.length > 0 && (
        <div class="table-wrap">
          <table class="data" data-testid="incident-list">
            <caption class="visually-hidden">{t('tab.incidents')}</caption>
            <thead><tr><th scope="col">{t('incidents.col.incident')}</th><th scope="col">{t('gaps.col.status')}</th><th scope="col">{t('incidents.col.grade')}</th><th scope="col">{t('incidents.col.discovered')}</th><th scope="col">{t('incidents.col.next')}</th></tr></thead>
            <tbody>
              {list.data.incidents.map((incident) => (
                <tr key={incident.id}>
                  <th scope="row"><a href={`/e/${engagement.id}/incidents/${incident.id}`}>{incident.number}. {incident.title}</a></th>
                  <td><Chip value={incident.status} text={STATUS_LABEL[incident.status]} tone={STATUS_TONE[incident.status]} /></td>
                  <td><Chip value={incident.grade} text={GRADE_LABEL[incident.grade] ?? incident.grade} tone={GRADE_TONE[incident.grade]} /></td>
                  <td>{incident.discoveredAt}</td>
                  <td>{incident.next?.dueAt ? <>{t('incidents.dueBy', { duty: DUTY_LABEL[incident.next.duty] ?? incident.next.duty, by: incident.next.dueBy })} · <Countdown
 dueAt={incident.next.dueAt} now={now} /></> : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
