// The live determinations beside the form: what the draft would give if it were saved, and where
// that differs from the saved assessment ("was X").
import type { Assessment, Engagement } from '../../api.ts';
import { toneOf } from '../../components/common.tsx';
import { label, MLPS_LEVEL } from '../../labels.ts';
import { formatNumber, tx, useT } from '../../i18n/i18n.ts';

export interface PreviewState {
  assessment: Assessment | undefined;
  /** The draft (stable JSON) the assessment is of. */
  forKey: string | undefined;
  ms: number | undefined;
  pending: boolean;
  error: unknown;
}

type Headline = Engagement['assessment']['headline'];

function Was({ now, before, format = label }: { now: string | number; before: string | number | undefined; format?: (value: never) => string }) {
  const t = useT();
  if (before === undefined || before === now) return null;
  return <span class="intake-was" title={t('live.wasTitle')}>{t('live.was', { value: format(before as never) })}</span>;
}

function Value({ value, testId, format = label, tone }: { value: string | number; testId?: string; format?: (value: never) => string; tone?: string }) {
  return (
    <span class={`chip tone-${tone ?? (typeof value === 'string' ? toneOf(value) : 'neutral')}`} data-testid={testId} data-value={String(value)}>
      {format(value as never)}
    </span>
  );
}

const count = (value: number) => formatNumber(value);

export function LivePanel({ preview, saved, dirty, current, problems, yamlBroken, asOf, profileVersion, open = false, onClose }: {
  preview: PreviewState;
  saved: Headline;
  dirty: boolean;
  /** The preview is of the draft as it is now. */
  current: boolean;
  problems: number;
  yamlBroken: boolean;
  asOf: string;
  profileVersion: number;
  /** Narrow screens: shown over the form (the bar's Determinations button). */
  open?: boolean;
  onClose?: () => void;
}) {
  const t = useT();
  const assessment = preview.assessment;
  const route = assessment?.organisation.cbdt.mechanism ?? saved.transferRoute;
  const cii = assessment?.organisation.cii.status ?? saved.cii;
  const systems = assessment
    ? assessment.systems.map((system) => ({ id: system.id, name: system.name, mlps: system.mlps.level, icp: system.icp.requirement, hosting: system.hosting.recommendation as string }))
    : saved.systems.map((system) => ({ ...system, name: system.id }));
  const counted = assessment?.organisation.cbdt.counted;
  const escalation = assessment?.organisation.cbdt.sectorEscalation;
  const openQuestions = assessment?.openQuestions ?? [];
  const assumed = openQuestions.filter((question) => question.kind === 'default_relied_on').length;
  const review = openQuestions.filter((question) => question.kind === 'legal_review').length;
  const stale = assessment !== undefined && !current;

  let status: string;
  if (yamlBroken) status = t('live.status.yaml');
  else if (problems > 0) status = t('live.status.problems', { count: problems });
  else if (preview.error) status = t('live.status.failed', { message: preview.error instanceof Error ? preview.error.message : String(preview.error) });
  else if (preview.pending || stale) status = t('live.status.updating');
  else if (!assessment) status = t('live.status.saved');
  else status = dirty ? t('live.status.draft') : t('live.status.same');

  return (
    <aside
      class={`panel intake-live${open ? ' intake-live-open' : ''}`}
      id="intake-live"
      aria-labelledby="intake-live-title"
      aria-live="polite"
      aria-busy={preview.pending ? 'true' : 'false'}
      data-testid="intake-live"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) onClose?.();
      }}
    >
      <div class="intake-live-head">
        <h2 id="intake-live-title">{t('live.title')}</h2>
        {dirty ? (
          <span class="chip tone-warn intake-whatif" data-testid="intake-whatif">{t('live.whatIf')}</span>
        ) : (
          <span class="chip tone-neutral">{t('live.savedVersion', { version: profileVersion })}</span>
        )}
        {open && onClose && (
          <button type="button" class="button small intake-live-close" onClick={onClose}>
            {t('addItem.close')}<span class="visually-hidden"> {t('live.closeHidden')}</span>
          </button>
        )}
      </div>
      <p class={`intake-live-status${preview.error || problems > 0 || yamlBroken ? ' intake-live-paused' : ''}`}>
        {(preview.pending || (stale && problems === 0 && !yamlBroken)) && <span class="spinner intake-spinner" aria-hidden="true" />}
        {status}
      </p>
      <div class={stale || (!assessment && !preview.error) ? 'intake-live-body intake-dim' : 'intake-live-body'}>
        <dl class="intake-dets">
          <div class={`intake-det${route !== saved.transferRoute ? ' intake-det-changed' : ''}`}>
            <dt>{t('overview.cbdt.title')}</dt>
            <dd>
              <Value value={route} testId="preview-route" />
              <Was now={route} before={saved.transferRoute} />
            </dd>
          </div>
          <div class="intake-det">
            <dt>{t('live.counted')}</dt>
            <dd data-testid="preview-counted" data-value={counted ? `${counted.nonSensitiveIndividuals}/${counted.sensitiveIndividuals}` : ''}>
              {counted ? (
                <>
                  <span>{tx('live.nonSensitive', { count: count(counted.nonSensitiveIndividuals), num: (chunks) => <span class="intake-num">{chunks}</span> })}</span>
                  <span>{tx('live.sensitive', { count: count(counted.sensitiveIndividuals), num: (chunks) => <span class="intake-num">{chunks}</span> })}</span>
                  <span class="intake-det-note">{t('live.since', { since: counted.windowStart, count: counted.transfers.length })}</span>
                </>
              ) : (
                <span class="muted">{t('live.firstPreview')}</span>
              )}
            </dd>
          </div>
          {escalation && (
            <div class="intake-det">
              <dt>{t('live.sectorRule')}</dt>
              <dd>
                <Value value={escalation.mechanism} />
                <span class="intake-det-note">{t('live.sectorRuleNote')}</span>
              </dd>
            </div>
          )}
          <div class={`intake-det${cii !== saved.cii ? ' intake-det-changed' : ''}`}>
            <dt>{t('live.cii')}</dt>
            <dd>
              <Value value={cii} testId="preview-cii" />
              <Was now={cii} before={saved.cii} />
            </dd>
          </div>
        </dl>
        <h3 class="intake-live-sub">{t('engagements.card.systems')}</h3>
        {systems.length === 0 ? (
          <p class="muted">{t('live.noSystems')}</p>
        ) : (
          <ul class="intake-live-systems">
            {systems.map((system) => {
              const before = saved.systems.find((candidate) => candidate.id === system.id);
              return (
                <li key={system.id} class="intake-live-system" data-testid={`preview-system-${system.id}`}>
                  <p class="intake-live-system-name">
                    {system.name}
                    {system.name !== system.id && <code>{system.id}</code>}
                    {!before && <span class="chip tone-info">{t('live.new')}</span>}
                  </p>
                  <dl class="intake-dets intake-dets-compact">
                    <div class={`intake-det${before && before.mlps !== system.mlps ? ' intake-det-changed' : ''}`}>
                      <dt>MLPS</dt>
                      <dd>
                        <Value value={system.mlps} format={MLPS_LEVEL} tone={system.mlps >= 3 ? 'warn' : 'neutral'} testId={`preview-mlps-${system.id}`} />
                        <Was now={system.mlps} before={before?.mlps} format={MLPS_LEVEL} />
                      </dd>
                    </div>
                    <div class={`intake-det${before && before.icp !== system.icp ? ' intake-det-changed' : ''}`}>
                      <dt>ICP</dt>
                      <dd>
                        <Value value={system.icp} testId={`preview-icp-${system.id}`} />
                        <Was now={system.icp} before={before?.icp} />
                      </dd>
                    </div>
                    <div class={`intake-det${before && before.hosting !== system.hosting ? ' intake-det-changed' : ''}`}>
                      <dt>{t('overview.hosting.title')}</dt>
                      <dd>
                        <Value value={system.hosting} testId={`preview-hosting-${system.id}`} />
                        <Was now={system.hosting} before={before?.hosting} />
                      </dd>
                    </div>
                  </dl>
                </li>
              );
            })}
          </ul>
        )}
        {saved.systems.filter((system) => !systems.some((candidate) => candidate.id === system.id)).map((system) => (
          <p key={system.id} class="intake-was-removed">
            {tx('live.removed', { id: system.id, code: (chunks) => <code>{chunks}</code> })}
          </p>
        ))}
        {assessment && (
          <p class="intake-live-oq">
            {tx('live.openQuestions', { assumed, review, strong: (chunks) => <strong>{chunks}</strong> })}
          </p>
        )}
      </div>
      <p class="intake-live-foot" aria-live="off">
        {preview.ms !== undefined && <span data-testid="preview-ms">{t('live.took', { ms: preview.ms })}</span>}
        {preview.ms !== undefined && ' · '}
        {t('live.asOf', { asOf })}

      </p>
    </aside>
  );
}
