// Small building blocks every view uses: loading and empty states, error notices, status chips,
// a hook that loads data and keeps its state, and one that runs an action and keeps its failure.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure } from '../api.ts';
import { label } from '../labels.ts';
import { useT } from '../i18n/i18n.ts';

export { formatDateTime } from '../i18n/i18n.ts';

/** `what` is already in the current language ("the engagement"). */
export function Loading({ what }: { what: string }) {
  const t = useT();
  return (
    <div class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {t('common.loading', { what })}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty-title">{title}</p>
      {children}
    </div>
  );
}

/** An error with what to do next; `onRetry` offers a retry button. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const message = error instanceof Error ? error.message : String(error);
  const problems = error instanceof ApiFailure ? error.problems : [];
  return (
    <div class="notice notice-error" role="alert">
      <p>{message}</p>
      {problems.length > 0 && (
        <ul>
          {problems.map((problem) => (
            <li key={problem.path + problem.message}>
              <code>{problem.path}</code>: {problem.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** A coloured chip for a status or outcome value; the colour comes from the value's tone. */
export function Chip({ value, text, tone }: { value: string; text?: string; tone?: string }) {
  useT();
  return <span class={`chip tone-${tone ?? toneOf(value)}`}>{text ?? label(value)}</span>;
}

const TONES: Record<string, string> = {
  confirmed: 'good', resolved: 'good', covered: 'good', none: 'good', not_indicated: 'good', exempt: 'good', overseas: 'good', available: 'good',
  draft: 'neutral', open: 'warn', in_progress: 'info', decision_needed: 'warn', partial: 'warn', evidence_needed: 'info', filing: 'info',
  standard_contract_or_certification: 'warn', overseas_with_transfer_mechanism: 'warn', mainland_recommended: 'warn', candidate: 'warn', degraded: 'warn', china_region: 'info',
  gap: 'bad', security_assessment: 'bad', licence: 'bad', mainland_required: 'bad', notified: 'bad', unavailable: 'bad', restricted: 'bad',
};
export function toneOf(value: string): string {
  return TONES[value] ?? 'neutral';
}

export interface Async<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replace the data locally (after a write returned the new value). */
  set: (value: T) => void;
}

/** Runs `load` when `deps` change; the newest call wins, so a slow old answer never overwrites a new one. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((previous) => ({ ...previous, loading: true, error: undefined }));
    load().then(
      (data) => mine === generation.current && setState({ data, error: undefined, loading: false }),
      (error: unknown) => mine === generation.current && setState((previous) => ({ data: previous.data, error, loading: false })),
    );
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run, set: (data: T) => setState({ data, error: undefined, loading: false }) };
}

/** A value that follows `value` after it has been still for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Runs one action at a time: `busy` while it runs, `error` holding what it threw (cleared on the next run). */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
