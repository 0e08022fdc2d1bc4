// The live determinations beside the form: what the draft would give if it were saved, and where
// that differs from the saved assessment ("was X").
import type { Assessment, Engagement } from '../../api.ts';
import { toneOf } from '../../components/common.tsx';
import { label, MLPS_LEVEL } from '../../labels.ts';

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
  if (before === undefined || before === now) return null;
  return <span class="intake-was" title="Value in the saved assessment">was {format(before as never)}</span>;
}

function Value({ value, testId, format = label, tone }: { value: string | number; testId?: string; format?: (value: never) => string; tone?: string }) {
  return (
    <span class={`chip tone-${tone ?? (typeof value === 'string' ? toneOf(value) : 'neutral')}`} data-testid={testId} data-value={String(value)}>
      {format(value as never)}
    </span>
  );
}

const count = (value: number) => value.toLocaleString('en-GB');

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
  if (yamlBroken) status = 'Paused: the YAML does not parse. Showing the last preview.';
  else if (problems > 0) status = `Paused: fix ${problems} ${problems === 1 ? 'problem' : 'problems'} to update. Showing the last valid preview.`;
  else if (preview.error) status = `The preview failed: ${preview.error instanceof Error ? preview.error.message : String(preview.error)}`;
  else if (preview.pending || stale) status = 'Updating…';
  else if (!assessment) status = 'Showing the saved assessment.';
  else status = dirty ? 'Determinations of the draft, as if it were saved.' : 'The draft matches the saved profile.';

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
        <h2 id="intake-live-title">Live determinations</h2>
        {dirty ? (
          <span class="chip tone-warn intake-whatif" data-testid="intake-whatif">What-if, not saved</span>
        ) : (
          <span class="chip tone-neutral">Saved version {profileVersion}</span>
        )}
        {open && onClose && (
          <button type="button" class="button small intake-live-close" onClick={onClose}>
            Close<span class="visually-hidden"> the live determinations</span>
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
            <dt>Transfer route</dt>
            <dd>
              <Value value={route} testId="preview-route" />
              <Was now={route} before={saved.transferRoute} />
            </dd>
          </div>
          <div class="intake-det">
            <dt>Counted individuals</dt>
            <dd data-testid="preview-counted" data-value={counted ? `${counted.nonSensitiveIndividuals}/${counted.sensitiveIndividuals}` : ''}>
              {counted ? (
                <>
                  <span><span class="intake-num">{count(counted.nonSensitiveIndividuals)}</span> non-sensitive,</span>
                  <span><span class="intake-num">{count(counted.sensitiveIndividuals)}</span> sensitive</span>
                  <span class="intake-det-note">since {counted.windowStart}, summed over {counted.transfers.length} counted {counted.transfers.length === 1 ? 'transfer' : 'transfers'}</span>
                </>
              ) : (
                <span class="muted">Available with the first preview.</span>
              )}
            </dd>
          </div>
          {escalation && (
            <div class="intake-det">
              <dt>Sector rule</dt>
              <dd>
                <Value value={escalation.mechanism} />
                <span class="intake-det-note">A sector rule may require this heavier route; flagged for legal review.</span>
              </dd>
            </div>
          )}
          <div class={`intake-det${cii !== saved.cii ? ' intake-det-changed' : ''}`}>
            <dt>CII status</dt>
            <dd>
              <Value value={cii} testId="preview-cii" />
              <Was now={cii} before={saved.cii} />
            </dd>
          </div>
        </dl>
        <h3 class="intake-live-sub">Systems</h3>
        {systems.length === 0 ? (
          <p class="muted">No systems.</p>
        ) : (
          <ul class="intake-live-systems">
            {systems.map((system) => {
              const before = saved.systems.find((candidate) => candidate.id === system.id);
              return (
                <li key={system.id} class="intake-live-system" data-testid={`preview-system-${system.id}`}>
                  <p class="intake-live-system-name">
                    {system.name}
                    {system.name !== system.id && <code>{system.id}</code>}
                    {!before && <span class="chip tone-info">new</span>}
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
                      <dt>Hosting</dt>
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
            <code>{system.id}</code> is in the saved assessment but not in the draft.
          </p>
        ))}
        {assessment && (
          <p class="intake-live-oq">
            <strong>{assumed}</strong> {assumed === 1 ? 'answer' : 'answers'} still assumed and <strong>{review}</strong> legal-review {review === 1 ? 'point' : 'points'}: the annex asks the decisive ones as open questions and lists the rest as assumptions.
          </p>
        )}
      </div>
      <p class="intake-live-foot" aria-live="off">
        {preview.ms !== undefined && <span data-testid="preview-ms">Preview took {preview.ms} ms</span>}
        {preview.ms !== undefined && ' · '}
        as of {asOf}
      </p>
    </aside>
  );
}
