// The Intake tab: the entry profile as a guided form (or YAML), validated with the profile schema
// on every change, with the determinations of the draft beside it and a save that makes the next
// profile version. Loaded on demand (with zod and the schema) by ../intake.tsx.
import './zod-config.ts';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiFailure, type Problem } from '../../api.ts';
import { ErrorNotice, useDebounced } from '../../components/common.tsx';
import { useEngagement } from '../engagement.tsx';
import { label } from '../../labels.ts';
import { normaliseProfile } from '../../../../src/core/profile/normalise-profile.ts';
import { FormContext, type FormState } from './fields.tsx';
import { HELP, helpFor } from './intake-help.ts';
import { ControlsSection, OrganisationSection, PlanSection, SECTIONS, SystemsSection, TransfersSection, type CardControls } from './intake-form.tsx';
import { LivePanel, type PreviewState } from './live-panel.tsx';
import { canonical, changedPaths, domId, fieldInfo, formatPath, getAt, has, isObject, patternOf, sameJson, seedFor, setAt, stableStringify, type Json, type Path } from './profile-path.ts';
import { toYaml, YamlView } from './yaml-view.tsx';
import './intake.css';
import { t, useT } from '../../i18n/i18n.ts';

type Mode = 'form' | 'yaml';

interface ServerProblem extends Problem {
  /** The value at the path when the server objected; the problem is shown while it is unchanged. */
  snapshot: string;
}

/** `systems[0].users.registered` → ['systems', 0, 'users', 'registered']. */
export function parsePath(path: string): Path {
  const parts: Array<string | number> = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return parts;
}

const clone = (value: unknown): Json => canonical(structuredClone((value ?? {}) as Json));

/** A draft kept in this browser tab, if it was made on the profile version still current. */
function storedDraft(key: string, version: number): Json | undefined {
  try {
    const raw = sessionStorage.getItem(key);
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as { version?: number; draft?: Json };
    return stored.version === version && isObject(stored.draft) ? stored.draft : undefined;
  } catch {
    return undefined;
  }
}

function readPreference(key: string, fallback: boolean): boolean {
  try {
    const value = localStorage.getItem(key);
    return value === null ? fallback : value === 'true';
  } catch {
    return fallback;
  }
}

/** Missing answers said as such: "required: choose one of type1, type2" rather than "received nothing". */
function plainer(problem: Problem): Problem {
  const missing = /^expected one of (.*); received nothing$/.exec(problem.message);
  return missing ? { ...problem, message: t('intake.required', { options: missing[1] ?? '' }) } : problem;
}

const SECTION_ORDER = ['schemaVersion', 'organisation', 'systems', 'transfers', 'controls', 'plan'];
/** A sort key that lists problems in the order of the form. */
function formOrder(path: string): string {
  const top = SECTION_ORDER.indexOf(path.split(/[.[]/)[0] ?? '');
  return `${String(top < 0 ? 9 : top)}${path.replace(/\[(\d+)\]/g, (_, index: string) => `[${index.padStart(4, '0')}]`)}`;
}

/**
 * When a system's id changes, transfers that left from it follow the new id (only while the old id
 * was unique, so that typing through another system's id never captures its transfers).
 */
function followRename(before: Json, path: Path, value: Json | undefined, after: Json): Json {
  if (path.length !== 3 || path[0] !== 'systems' || typeof path[1] !== 'number' || path[2] !== 'id' || typeof value !== 'string' || value === '') return after;
  const old = getAt(before, path);
  const systems = getAt(before, ['systems']);
  if (typeof old !== 'string' || old === '' || !Array.isArray(systems)) return after;
  if (systems.filter((system) => isObject(system) && system.id === old).length !== 1) return after;
  const transfers = getAt(after, ['transfers']);
  if (!Array.isArray(transfers) || !transfers.some((transfer) => isObject(transfer) && transfer.fromSystem === old)) return after;
  return setAt(after, ['transfers'], transfers.map((transfer) => (isObject(transfer) && transfer.fromSystem === old ? { ...transfer, fromSystem: value } : transfer)));
}

/** "System “Dealer portal” › Hosting" for a problem's path. */
function describePath(path: string, draft: Json): string {
  const parts = parsePath(path);
  const context: string[] = [];
  let rest = parts;
  if ((parts[0] === 'systems' || parts[0] === 'transfers') && typeof parts[1] === 'number') {
    const item = getAt(draft, parts.slice(0, 2));
    const record = isObject(item) ? item : {};
    const name = parts[0] === 'systems' && typeof record.name === 'string' && record.name ? record.name : typeof record.id === 'string' && record.id ? record.id : `#${parts[1] + 1}`;
    context.push(`${parts[0] === 'systems' ? 'System' : 'Transfer'} “${name}”`);
    rest = parts.slice(2);
    if (rest.length === 0) return context[0]!;
  } else if (parts[0] === 'organisation' || parts[0] === 'controls' || parts[0] === 'plan') {
    context.push(helpFor(parts[0]).label);
    rest = parts.slice(1);
    if (rest.length === 0) return context[0]!;
  }
  for (let length = parts.length; length > 0; length--) {
    const question = patternOf(parts.slice(0, length));
    if (HELP[question] && length > parts.length - rest.length) {
      const remainder = parts.slice(length);
      return [...context, remainder.length > 0 ? t('intake.pathPart', { label: HELP[question]!.label, rest: remainder.map((part) => (typeof part === 'number' ? t('intake.itemN', { n: part + 1 }) : part)).join(t('engagements.form.listSeparator')) }) : HELP[question]!.label].join(' › ');
    }
  }
  return [...context, formatPath(rest)].join(' › ');
}

/** Whether the form has a question for the path (unknown fields exist only in the YAML). */
function inForm(path: string): boolean {
  const parts = [...parsePath(path)];
  while (parts.length > 0 && typeof parts[parts.length - 1] === 'number') parts.pop();
  return parts.length === 0 || patternOf(parts) === 'systems' || patternOf(parts) === 'transfers' || HELP[patternOf(parts)] !== undefined;
}

/** The input for a path, or the nearest element of an enclosing path (a card, a section). */
function findTarget(path: string): HTMLElement | null {
  let key = path;
  for (;;) {
    const named = document.getElementsByName(key)[0];
    if (named instanceof HTMLElement) return named;
    const byId = document.getElementById(domId(key));
    if (byId) return byId;
    const shorter = key.replace(/(\[\d+\]|\.[^.[\]]+)$/, '');
    if (shorter === key || shorter === '') return null;
    key = shorter;
  }
}

/**
 * The draft with the defaults the user has seen written in as answers: a default left as offered
 * is an answer (it is no longer an open question). Only defaults still unanswered, whose system
 * or transfer is still in the draft, are written; each is the schema's own default.
 */
export function withSeenDefaults(draft: Json, seen: ReadonlySet<string>): Json {
  let out = draft;
  for (const key of seen) {
    const path = parsePath(key);
    if (has(out, path)) continue;
    if ((path[0] === 'systems' || path[0] === 'transfers') && typeof path[1] === 'number' && !isObject(getAt(out, path.slice(0, 2)))) continue;
    const info = fieldInfo(path);
    if (!info?.hasDefault) continue;
    out = setAt(out, path, structuredClone(info.defaultValue) as Json, seedFor);
  }
  return out;
}

export function IntakePage() {
  useT();
  const { engagement, canEdit, reload, replace } = useEngagement();
  const saved = engagement.profile as Json;
  const asOf = engagement.assessment.asOf;
  const storageKey = `landfall.intake.${engagement.id}`;

  const [restored, setRestored] = useState(() => canEdit && storedDraft(storageKey, engagement.profileVersion) !== undefined);
  const [draft, setDraft] = useState<Json>(() => (canEdit ? storedDraft(storageKey, engagement.profileVersion) : undefined) ?? clone(saved));
  const [mode, setMode] = useState<Mode>('form');
  const [showWhy, setShowWhy] = useState(() => readPreference('landfall.intake.why', true));
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [preview, setPreview] = useState<PreviewState>({ assessment: undefined, forKey: undefined, ms: undefined, pending: false, error: undefined });
  const [serverProblems, setServerProblems] = useState<ServerProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  /** 'open': the conflict notice with its options; 'hidden': the user chose to keep editing. */
  const [conflict, setConflict] = useState<'open' | 'hidden' | null>(null);
  const [conflictCopy, setConflictCopy] = useState<{ text: string; copied: boolean } | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [undo, setUndo] = useState<{ message: string; draft: Json } | null>(null);
  const [yamlBroken, setYamlBroken] = useState(false);
  /** Defaults whose note has been on screen: kept as answers at the next save. */
  const [seenDefaults, setSeenDefaults] = useState<ReadonlySet<string>>(new Set());
  /** On a narrow screen the live determinations open over the form, so they stay in reach while editing. */
  const [liveOpen, setLiveOpen] = useState(false);
  const pendingFocus = useRef<string | null>(null);
  const forceReset = useRef(false);
  const savedRef = useRef(engagement.profile);
  const generation = useRef(0);

  // A new saved profile (after a save, or a reload): adopt it unless the user has unsaved changes.
  useEffect(() => {
    if (savedRef.current === engagement.profile) return;
    const previous = savedRef.current;
    savedRef.current = engagement.profile;
    const reset = forceReset.current;
    forceReset.current = false;
    setDraft((current) => (reset || sameJson(current, previous) ? clone(engagement.profile) : current));
    if (reset) setServerProblems([]);
    setConflict(null);
  }, [engagement.profile]);

  const draftKey = useMemo(() => stableStringify(draft), [draft]);
  const savedKey = useMemo(() => stableStringify(saved), [saved]);
  const dirty = draftKey !== savedKey;
  const changes = useMemo(() => (dirty ? changedPaths(saved, draft) : []), [dirty, saved, draft]);
  // What a save would store: the draft with the defaults seen on screen written in.
  // Only while the result is valid: a seen default never makes a valid draft unsaveable.
  const toSave = useMemo(() => {
    if (!canEdit || seenDefaults.size === 0) return draft;
    const filled = withSeenDefaults(draft, seenDefaults);
    return filled === draft || normaliseProfile(filled, asOf).ok ? filled : draft;
  }, [draft, seenDefaults, canEdit, asOf]);
  const toSaveKey = useMemo(() => stableStringify(toSave), [toSave]);
  const keptDefaults = canEdit ? changedPaths(draft, toSave).length : 0;
  const observer = useRef<IntersectionObserver | null>(null);
  const watched = useRef(new Map<Element, string>());
  useEffect(() => () => observer.current?.disconnect(), []);
  const watchDefault = (element: Element, key: string) => {
    if (typeof IntersectionObserver === 'undefined') return () => {};
    observer.current ??= new IntersectionObserver(
      (entries) => {
        const fresh = entries.filter((entry) => entry.isIntersecting).map((entry) => watched.current.get(entry.target)).filter((found): found is string => found !== undefined);
        if (fresh.length > 0) setSeenDefaults((current) => (fresh.every((found) => current.has(found)) ? current : new Set([...current, ...fresh])));
      },
      // Seen: the whole note on screen, not under the sticky save bar.
      { threshold: 1, rootMargin: '-64px 0px 0px 0px' },
    );
    watched.current.set(element, key);
    observer.current.observe(element);
    return () => {
      watched.current.delete(element);
      observer.current?.unobserve(element);
    };
  };

  // Validation: the profile schema and the cross-field rules, exactly as the server runs them.
  const validation = useMemo(() => normaliseProfile(draft, asOf), [draft, asOf]);
  const clientProblems: Problem[] = validation.ok ? [] : validation.problems.map(plainer);
  const liveServerProblems = serverProblems.filter((problem) => stableStringify(getAt(draft, parsePath(problem.path))) === problem.snapshot);
  const problems: Problem[] = [...clientProblems, ...liveServerProblems.filter((problem) => !clientProblems.some((other) => other.path === problem.path && other.message === problem.message))]
    .sort((a, b) => formOrder(a.path).localeCompare(formOrder(b.path)));
  const problemMap = new Map<string, string[]>();
  for (const problem of problems) problemMap.set(problem.path, [...(problemMap.get(problem.path) ?? []), problem.message]);

  // Live determinations: preview the draft once it has been still for 250 ms and is valid.
  const settled = useDebounced(draft, 250);
  useEffect(() => {
    if (settled !== draft || !validation.ok || yamlBroken) return;
    const mine = ++generation.current;
    const started = performance.now();
    const key = toSaveKey;
    setPreview((previous) => ({ ...previous, pending: true, error: undefined }));
    api.preview(engagement.id, toSave, asOf).then(
      (assessment) => {
        if (mine !== generation.current) return;
        setPreview({ assessment, forKey: key, ms: Math.round(performance.now() - started), pending: false, error: undefined });
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        setPreview((previous) => ({ ...previous, pending: false, error }));
        if (error instanceof ApiFailure && error.status === 422) {
          setServerProblems(error.problems.map((problem) => ({ ...problem, snapshot: stableStringify(getAt(draft, parsePath(problem.path))) })));
        }
      },
    );
  }, [settled, yamlBroken, toSaveKey]);

  const openQuestions = useMemo(() => {
    const map = new Map<string, string>();
    for (const question of preview.assessment?.openQuestions ?? []) if (question.path && question.kind !== 'legal_review' && !map.has(question.path)) map.set(question.path, question.id);
    return map;
  }, [preview.assessment]);

  // Keep unsaved changes for this browser tab, so that visiting another tab does not lose them.
  useEffect(() => {
    if (!canEdit) return;
    try {
      if (dirty) sessionStorage.setItem(storageKey, JSON.stringify({ version: engagement.profileVersion, draft }));
      else sessionStorage.removeItem(storageKey);
    } catch {
      // Storage full or refused: the draft still lives in the page.
    }
  }, [draftKey, dirty, engagement.profileVersion]);

  // Warn before the page is left with unsaved changes.
  useEffect(() => {
    if (!dirty || !canEdit) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, canEdit]);

  // Move focus to a field asked for by the problem list, once it is rendered.
  useEffect(() => {
    const key = pendingFocus.current;
    if (!key) return;
    pendingFocus.current = null;
    const target = findTarget(key);
    if (target) {
      target.scrollIntoView({ block: 'center' });
      target.focus({ preventScroll: true });
    }
  });

  const edit = (next: (current: Json) => Json) => {
    setDraft(next);
    setFlash(null);
    setUndo(null);
    setRestored(false);
  };

  const reveal = (path: string) => {
    if (!inForm(path)) {
      // Unknown fields and the schema version are fixed in the YAML.
      setMode('yaml');
      pendingFocus.current = 'profile-yaml';
      return;
    }
    setMode('form');
    setCollapsed((current) => new Set([...current].filter((key) => !(path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`)))));
    pendingFocus.current = path;
  };

  const formState: FormState = {
    draft,
    saved,
    readOnly: !canEdit,
    showWhy,
    set: (path, value) => edit((current) => followRename(current, path, value, setAt(current, path, value, seedFor))),
    problems: problemMap,
    openQuestions,
    seenDefaults,
    watchDefault,
  };

  const cards: CardControls = {
    collapsed,
    toggle: (key) => setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    }),
    add: (list) => {
      const items = getAt(draft, [list]);
      const existing = Array.isArray(items) ? items : [];
      const ids = new Set(existing.map((item) => (isObject(item) ? item.id : undefined)));
      let number = existing.length + 1;
      const stem = list === 'systems' ? 'system' : 'transfer';
      while (ids.has(`${stem}-${number}`)) number++;
      edit((current) => setAt(current, [list, existing.length], { id: `${stem}-${number}` }));
      pendingFocus.current = `${list}[${existing.length}].id`;
    },
    remove: (list, index) => {
      const item = getAt(draft, [list, index]);
      const record = isObject(item) ? item : {};
      const title = (list === 'systems' && typeof record.name === 'string' && record.name) || (typeof record.id === 'string' && record.id) || `#${index + 1}`;
      const before = draft;
      edit((current) => {
        const items = getAt(current, [list]);
        return setAt(current, [list], (Array.isArray(items) ? items : []).filter((_, at) => at !== index));
      });
      setCollapsed(new Set());
      setUndo({ message: t('intake.removed', { list, title }), draft: before });
    },
  };

  const valid = validation.ok && !yamlBroken;
  const canSave = canEdit && (dirty || keptDefaults > 0) && valid && !saving && conflict === null;
  const nextVersion = engagement.profileVersion + 1;

  const save = async () => {
    if (!canSave) return;
    setSaving(true);
    setSaveError(null);
    setFlash(null);
    const sent = toSave;
    try {
      const result = await api.saveProfile(engagement.id, sent, engagement.version);
      savedRef.current = result.profile;
      setDraft(clone(result.profile));
      setSeenDefaults(new Set());
      setServerProblems([]);
      setUndo(null);
      setRestored(false);
      try {
        sessionStorage.removeItem(storageKey);
      } catch {
        // nothing stored
      }
      setFlash(t('intake.saved', { version: result.profileVersion }));
      replace(result);
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 409) {
        setConflict('open');
        setConflictCopy(null);
      } else {
        if (error instanceof ApiFailure && error.status === 422) {
          setServerProblems(error.problems.map((problem) => ({ ...problem, snapshot: stableStringify(getAt(sent, parsePath(problem.path))) })));
        }
        setSaveError(error);
      }
    } finally {
      setSaving(false);
    }
  };

  const discard = () => {
    setUndo({ message: t('intake.discarded'), draft });
    setDraft(clone(saved));
    setServerProblems([]);
    setSaveError(null);
    setRestored(false);
    setFlash(null);
  };

  const copyDraft = async () => {
    const text = await toYaml(draft);
    const copied = await navigator.clipboard.writeText(text).then(() => true, () => false);
    setConflictCopy({ text, copied });
  };

  const reloadLatest = () => {
    if (!window.confirm(t('intake.confirmReload'))) return;
    forceReset.current = true;
    setConflict(null);
    setConflictCopy(null);
    setSaveError(null);
    setUndo(null);
    try {
      sessionStorage.removeItem(storageKey);
    } catch {
      // nothing stored
    }
    reload();
  };

  let status: string;
  if (!canEdit) status = t('intake.status.readOnly', { version: engagement.profileVersion });
  else if (saving) status = t('item.saving');
  else if (conflict) status = t('intake.status.conflict');
  else if (yamlBroken) status = t('intake.status.yaml');
  else if (!dirty && keptDefaults > 0) status = t('intake.status.seen', { count: keptDefaults });
  else if (!dirty) status = t('intake.status.clean', { version: engagement.profileVersion });
  else if (!validation.ok) status = t('intake.status.problems', { count: problems.length });
  else status = keptDefaults > 0 ? t('intake.status.changedSeen', { count: changes.length, seen: keptDefaults }) : t('intake.status.changed', { count: changes.length });

  const systems = getAt(draft, ['systems']);
  const transfers = getAt(draft, ['transfers']);

  return (
    <div
      class="intake"
      onKeyDown={(event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
          event.preventDefault();
          void save();
        }
      }}
    >
      <div class="intake-main">
        {!canEdit && (
          <p class="notice notice-info">
            {engagement.archivedAt
              ? t('intake.archived')
              : t('intake.viewer')}
          </p>
        )}
        {restored && dirty && (
          <div class="notice notice-info" role="status">
            <p>{t('intake.restored')}</p>
            <div class="actions">
              <button type="button" class="button small" onClick={discard}>{t('intake.discardThem')}</button>
              <button type="button" class="button small" onClick={() => setRestored(false)}>{t('intake.keepThem')}</button>
            </div>
          </div>
        )}
        {conflict === 'hidden' && (
          <div class="notice notice-warn intake-undo">
            <span>{t('intake.conflictShort')}</span>
            <button type="button" class="button small" onClick={() => setConflict('open')}>{t('intake.showOptions')}</button>
          </div>
        )}
        {conflict === 'open' && (
          <div class="notice notice-warn intake-conflict" role="alert">
            <p><strong>{t('intake.conflictTitle')}</strong></p>
            <p>{t('intake.conflictHelp')}</p>
            <div class="actions">
              <button type="button" class="button" onClick={() => void copyDraft()}>{t('intake.copyYaml')}</button>
              <button type="button" class="button primary" onClick={reloadLatest}>{t('intake.reloadLatest')}</button>
              <button type="button" class="button" onClick={() => setConflict('hidden')}>{t('intake.keepEditing')}</button>
            </div>
            {conflictCopy && (conflictCopy.copied ? (
              <p class="hint" role="status">{t('intake.copied')}</p>
            ) : (
              <label class="field intake-copy-fallback">
                <span class="field-label">{t('intake.draftYaml')}</span>
                <span class="field-help">{t('intake.clipboardRefused')}</span>
                <textarea readOnly rows={8} value={conflictCopy.text} onFocus={(event) => event.currentTarget.select()} />
              </label>
            ))}
          </div>
        )}
        {saveError ? (
          <ErrorNotice error={saveError instanceof ApiFailure && saveError.status === 422 ? new ApiFailure(422, saveError.code, t('intake.refused'), saveError.problems) : saveError} />
        ) : null}
        {flash && <p class="notice notice-good" role="status">{flash}</p>}
        {undo && (
          <div class="notice notice-info intake-undo" role="status">
            <span>{undo.message}</span>
            <button
              type="button"
              class="button small"
              onClick={() => {
                setDraft(undo.draft);
                setUndo(null);
              }}
            >
              {t('item.undo')}
            </button>
          </div>
        )}

        <div class="intake-bar">
          <fieldset class="segmented intake-mode">
            <legend class="visually-hidden">{t('intake.editAs')}</legend>
            {(['form', 'yaml'] as const).map((value) => (
              <label key={value} class={mode === value ? 'selected' : ''}>
                <input type="radio" name="intake-mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
                {value === 'form' ? t('intake.mode.form') : 'YAML'}
              </label>
            ))}
          </fieldset>
          <span class={`intake-status${dirty && canEdit ? ' intake-status-dirty' : ''}`} role="status">{status}</span>
          <button
            type="button"
            class="button small intake-bar-route"
            aria-expanded={liveOpen}
            aria-controls="intake-live"
            data-testid="intake-live-toggle"
            onClick={() => setLiveOpen(!liveOpen)}
          >
            {liveOpen ? t('intake.hideDeterminations') : preview.assessment ? t('intake.determinationsRoute', { route: label(preview.assessment.organisation.cbdt.mechanism) }) : t('intake.determinations')}
          </button>
          {canEdit && (
            <span class="intake-bar-actions">
              <button type="button" class="button" onClick={discard} disabled={!dirty || saving}>{t('intake.discard')}</button>
              <button
                type="button"
                class="button primary"
                data-testid="intake-save"
                onClick={() => void save()}
                disabled={!canSave}
                title={conflict ? t('intake.title.reloadFirst') : !dirty ? t('intake.title.nothing') : !valid ? t('intake.title.fix') : 'Ctrl+S'}
              >
                {saving ? t('item.saving') : t('intake.saveAs', { version: nextVersion })}
              </button>
            </span>
          )}
        </div>

        {mode === 'form' && (
          <div class="intake-subbar">
            <nav class="intake-jump" aria-label={t('intake.sectionsLabel')}>
              {SECTIONS.map((section) => (
                <a
                  key={section.id}
                  href={`#${domId(section.id)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    reveal(section.id);
                  }}
                >
                  {section.title}
                  {section.id === 'systems' && Array.isArray(systems) ? ` (${systems.length})` : ''}
                  {section.id === 'transfers' && Array.isArray(transfers) ? ` (${transfers.length})` : ''}
                </a>
              ))}
            </nav>
            <label class="intake-why-toggle">
              <input
                type="checkbox"
                name="intake-show-why"
                checked={showWhy}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  setShowWhy(on);
                  try {
                    localStorage.setItem('landfall.intake.why', String(on));
                  } catch {
                    // preference not kept
                  }
                }}
              />
              {t('intake.explainWhy')}
            </label>
          </div>
        )}

        {problems.length > 0 && (
          <section class="notice notice-error intake-problems" aria-labelledby="intake-problems-title">
            <h2 id="intake-problems-title">
              {t('intake.status.problems', { count: problems.length })}
            </h2>
            <p>{t('intake.waitValid')}</p>
            <ul>
              {problems.map((problem) => (
                <li key={`${problem.path}:${problem.message}`}>
                  <a
                    href={`#${domId(problem.path)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      reveal(problem.path);
                    }}
                  >
                    {describePath(problem.path, draft)}
                  </a>
                  {!inForm(problem.path) && <span class="muted"> {t('intake.inYaml')}</span>}
                  : {problem.message} <code class="intake-path">{problem.path}</code>
                </li>
              ))}
            </ul>
          </section>
        )}

        {mode === 'form' ? (
          <FormContext.Provider value={formState}>
            <form class="intake-form" aria-label={t('intake.formLabel')} noValidate onSubmit={(event) => event.preventDefault()}>
              <OrganisationSection />
              <SystemsSection controls={cards} />
              <TransfersSection controls={cards} />
              <ControlsSection />
              <PlanSection />
            </form>
          </FormContext.Provider>
        ) : (
          <YamlView draft={draft} readOnly={!canEdit} onChange={(value) => edit(() => value)} onBrokenChange={setYamlBroken} />
        )}
      </div>
      <LivePanel
        preview={preview}
        saved={engagement.assessment.headline}
        dirty={dirty}
        current={preview.forKey === toSaveKey}
        problems={validation.ok ? 0 : problems.length}
        yamlBroken={yamlBroken}
        asOf={asOf}
        profileVersion={engagement.profileVersion}
        open={liveOpen}
        onClose={() => setLiveOpen(false)}
      />
    </div>
  );
}
