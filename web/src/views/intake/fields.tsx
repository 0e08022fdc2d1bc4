// The controls of the intake. Each question knows its path in the profile: the input's `name` is
// that path (`systems[0].hosting`), its errors come from the problems at that path, and when a
// defaulted question is not answered it says what Landfall assumes and why.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { helpFor, OPTIONS_BY_QUESTION, type Option } from './intake-help.ts';
import { domId, fieldInfo, formatPath, getAt, has, isObject, patternOf, sameJson, type Json, type Path } from './profile-path.ts';
import { currentLocale, formatNumber, t, tx, useT } from '../../i18n/i18n.ts';

export interface FormState {
  draft: Json;
  saved: Json;
  readOnly: boolean;
  showWhy: boolean;
  set: (path: Path, value: Json | undefined) => void;
  /** Problems by path (formatPath form), client-side and from the server. */
  problems: ReadonlyMap<string, string[]>;
  /** Open-question ids of the latest preview, by path. */
  openQuestions: ReadonlyMap<string, string>;
  /**
   * Defaults the user has seen on screen (formatPath form): a default left as offered is an
   * answer, kept in the profile at the next save.
   */
  seenDefaults: ReadonlySet<string>;
  /** Watches a default's note; once it has been in view it counts as seen. Returns the unwatch. */
  watchDefault: (element: Element, key: string) => () => void;
}

export const FormContext = createContext<FormState | null>(null);

export function useForm(): FormState {
  const form = useContext(FormContext);
  if (!form) throw new Error('intake field outside the intake form');
  return form;
}

/**
 * Problems at `key`, and with `deep` also at its items (`key[2]`, named by their value when `value`
 * is the list) and members (`key.report`).
 */
export function problemsFor(problems: ReadonlyMap<string, string[]>, key: string, deep = false, value?: unknown): string[] {
  const out = [...(problems.get(key) ?? [])];
  if (deep) {
    for (const [path, messages] of problems) {
      if (path.startsWith(`${key}[`) || path.startsWith(`${key}.`)) {
        const rest = path.slice(key.length);
        const item = /^\[(\d+)\]$/.exec(rest);
        const where = item && Array.isArray(value) && value[Number(item[1])] !== undefined ? `“${String(value[Number(item[1])])}”` : rest.replace(/^\./, '');
        for (const message of messages) out.push(`${where}: ${message}`);
      }
    }
  }
  return out;
}

/** A value in words: "Yes", "Overseas", "none", "0 registered, 0 monthly active". */
export function describeValue(question: string, value: unknown): string {
  if (value === null || value === undefined) return t('fields.none');
  if (typeof value === 'boolean') return value ? t('diagram.yes') : t('diagram.no');
  if (typeof value === 'number') return formatNumber(value);
  const labelOf = (item: unknown) => OPTIONS_BY_QUESTION[question]?.find((option) => option.value === item)?.label ?? String(item);
  if (typeof value === 'string') return labelOf(value);
  if (Array.isArray(value)) return value.length === 0 ? t('fields.none') : value.map(labelOf).join(t('engagements.form.listSeparator'));
  if (isObject(value)) {
    if ('registered' in value) return t('fields.users', { registered: describeValue('', value.registered), active: describeValue('', value.monthlyActive) });
    if ('businessInformation' in value && isObject(value.businessInformation) && isObject(value.systemService)) {
      // English keeps the values' own words ("serious harm to national security"); Chinese the options' labels.
      const word = (question: string, item: Json | undefined) => (currentLocale() === 'en' ? undefined : OPTIONS_BY_QUESTION[question]?.find((option) => option.value === item)?.label) ?? String(item).replace(/_/g, ' ');
      const axis = (a: Record<string, Json>) => t('fields.harm', { degree: word('systems[].impact.businessInformation.degree', a.degree), object: word('systems[].impact.businessInformation.object', a.object) });

      const first = axis(value.businessInformation);
      const second = axis(value.systemService);
      return first === second ? t('fields.bothAxes', { axis: first }) : t('fields.twoAxes', { information: first, service: second });
    }
    const entries = Object.entries(value);
    if (entries.length > 0 && entries.every(([, flag]) => typeof flag === 'boolean')) {
      // A set of yes/no facts (the algorithms a system runs): the ones that are yes, in words.
      const on = entries.filter(([, flag]) => flag).map(([key]) => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
      return on.length === 0 ? t('fields.noneOfThem') : on.join(t('engagements.form.listSeparator'));
    }
    return entries.length === 0 ? t('fields.nothingGiven') : JSON.stringify(value);
  }
  return String(value);
}

export interface ControlProps {
  id: string;
  name: string;
  describedBy: string | undefined;
  invalid: boolean;
  disabled: boolean;
}

interface ShellProps {
  path: Path;
  /** `group` renders a fieldset with a legend; `check` a single checkbox with its label. */
  kind?: 'single' | 'group' | 'check';
  wide?: boolean;
  /** Show a "Clear answer" button when answered (optional questions only). */
  clearable?: boolean;
  /** Collect the problems of items and members too (lists, objects). */
  deep?: boolean;
  label?: string;
  hint?: ComponentChildren;
  children: (control: ControlProps) => ComponentChildren;
}

/** The frame of a question: label, help, control, the "not answered" note, and its errors. */
export function Question({ path, kind = 'single', wide, clearable = true, deep, label, hint, children }: ShellProps) {
  const t = useT();
  const form = useForm();
  const key = formatPath(path);
  const question = patternOf(path);
  const words = helpFor(question);
  const id = domId(path);
  const info = fieldInfo(path);
  const answered = has(form.draft, path);
  const value = getAt(form.draft, path);
  const errors = problemsFor(form.problems, key, deep, value);
  const changed = !sameJson(value, getAt(form.saved, path));
  const openQuestion = form.openQuestions.get(key);
  const notAnswered = !answered && info != null && (info.hasDefault || info.optional);
  const describedBy = [words.help || words.why ? `${id}-help` : '', notAnswered ? `${id}-default` : '', answered && value === null ? `${id}-default` : '', errors.length > 0 ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ') || undefined;
  const control = children({ id, name: key, describedBy, invalid: errors.length > 0, disabled: form.readOnly });
  const seen = notAnswered && info.hasDefault && form.seenDefaults.has(key);
  const noteRef = useRef<HTMLParagraphElement>(null);
  const watched = notAnswered && info.hasDefault && !form.readOnly && !seen;
  useEffect(() => {
    if (!watched || !noteRef.current) return;
    return form.watchDefault(noteRef.current, key);
  }, [watched, key]);
  const canClear = clearable && answered && !form.readOnly && info?.optional === true;
  const title = label ?? words.label;

  const head = (
    <span class="intake-q-head">
      {kind === 'check' ? null : kind === 'group' ? <span class="field-label">{title}</span> : <label class="field-label" for={id}>{title}</label>}
      {changed && <span class="intake-changed" title={t('fields.changedTitle')}>{t('fields.changed')}</span>}
    </span>
  );
  const clear = canClear && (
    <button type="button" class="intake-clear" onClick={() => form.set(path, undefined)} aria-label={t('fields.clearLabel', { title })}>
      {t('fields.clear')}
    </button>
  );
  const help = (words.help || (words.why && form.showWhy)) && (
    <span class="field-help" id={`${id}-help`}>
      {words.help}
      {words.why && form.showWhy && <span class="intake-why"> {words.why}</span>}
    </span>
  );
  const note = notAnswered ? (
    <p class={`intake-default${seen ? ' intake-default-seen' : ''}`} id={`${id}-default`} ref={noteRef} data-default-seen={seen ? 'true' : undefined}>
      <strong>{seen ? t('fields.asOffered') : t('fields.notAnswered')}</strong>{' '}
      {info.hasDefault ? <>{tx('fields.assumes', { value: describeValue(question, info.defaultValue), strong: (chunks) => <strong>{chunks}</strong> })} {info.reason}</> : info.description}
      {seen && <span class="intake-seen-note"> {t('fields.seen')}</span>}
      {kind === 'group' && info.hasDefault && Array.isArray(info.defaultValue) && info.defaultValue.length > 0 && !form.readOnly && (
        <span class="intake-seen-note"> {t('fields.ticking', { value: describeValue(question, info.defaultValue) })}</span>
      )}
      {openQuestion && !seen && <span class="intake-oq"> {t('fields.openQuestion', { number: openQuestion })}</span>}
      {info.hasDefault && !form.readOnly && !seen && (
        <button type="button" class="button small intake-confirm" onClick={() => form.set(path, structuredClone(info.defaultValue) as Json)}>
          {t('fields.confirm', { value: describeValue(question, info.defaultValue) })}
        </button>
      )}
    </p>
  ) : answered && value === null ? (
    <p class="intake-null" id={`${id}-default`}>{t('fields.answeredNone')}</p>
  ) : null;
  const errorList = errors.length > 0 && (
    <p class="field-error" id={`${id}-error`}>
      {errors.map((message, index) => (
        <span key={index} class="intake-error-line">{message}</span>
      ))}
    </p>
  );
  const classes = `intake-q${wide ? ' intake-wide' : ''}${notAnswered ? ' intake-unanswered' : ''}${errors.length > 0 ? ' intake-invalid' : ''}`;

  if (kind === 'group') {
    return (
      <fieldset class={classes} id={id} tabIndex={-1} aria-describedby={describedBy}>
        <legend class="intake-legend">{head}</legend>
        {help}
        {hint}
        {control}
        {note}
        {errorList}
        {clear}
      </fieldset>
    );
  }
  if (kind === 'check') {
    return (
      <div class={`${classes} intake-check-q`}>
        <div class="intake-check-row">
          {control}
          <label class="field-label" for={id}>{title}</label>
          {head}
        </div>
        {help}
        {note}
        {errorList}
        {clear}
      </div>
    );
  }
  return (
    <div class={classes}>
      {head}
      {control}
      {errorList}
      {help}
      {hint}
      {note}
      {clear}
    </div>
  );
}

const aria = (control: ControlProps) => ({
  id: control.id,
  name: control.name,
  'aria-describedby': control.describedBy,
  'aria-invalid': control.invalid ? ('true' as const) : undefined,
  disabled: control.disabled,
});

export function TextQuestion({ path, upper, emptyAs = 'remove', placeholder, suggestions, wide, maxLength }: {
  path: Path;
  upper?: boolean;
  /** What an empty box means: not answered (remove the key) or an empty string (required text). */
  emptyAs?: 'remove' | 'empty';
  placeholder?: string;
  suggestions?: Option[];
  wide?: boolean;
  maxLength?: number;
}) {
  const form = useForm();
  const value = getAt(form.draft, path);
  return (
    <Question path={path} wide={wide}>
      {(control) => (
        <>
          <input
            type="text"
            {...aria(control)}
            value={typeof value === 'string' ? value : value == null ? '' : String(value)}
            placeholder={placeholder}
            maxLength={maxLength}
            autoComplete="off"
            spellcheck={false}
            list={suggestions ? `${control.id}-list` : undefined}
            class={upper ? 'intake-code' : undefined}
            onInput={(event) => {
              const text = upper ? event.currentTarget.value.toUpperCase() : event.currentTarget.value;
              form.set(path, text === '' && emptyAs === 'remove' ? undefined : text);
            }}
          />
          {suggestions && (
            <datalist id={`${control.id}-list`}>
              {suggestions.map((option) => <option key={option.value} value={option.value}>{option.hint ?? option.label}</option>)}
            </datalist>
          )}
        </>
      )}
    </Question>
  );
}

export function NumberQuestion({ path, min = 0, max, step = 1, unit, clearable = true }: { path: Path; min?: number; max?: number; step?: number; unit?: string; clearable?: boolean }) {
  const form = useForm();
  const value = getAt(form.draft, path);
  const info = fieldInfo(path);
  const placeholder = info?.hasDefault && typeof info.defaultValue === 'number' ? `assumed ${info.defaultValue}` : undefined;
  return (
    <Question path={path} clearable={clearable}>
      {(control) => (
        <span class="intake-number">
          <input
            type="number"
            inputMode="numeric"
            {...aria(control)}
            min={min}
            max={max}
            step={step}
            placeholder={placeholder}
            value={typeof value === 'number' ? String(value) : ''}
            onInput={(event) => {
              const raw = event.currentTarget.value;
              form.set(path, raw === '' ? undefined : Number(raw));
            }}
          />
          {unit && <span class="intake-unit">{unit}</span>}
          {typeof value === 'number' && value >= 10000 && <span class="intake-readable" aria-hidden="true">{value.toLocaleString('en-GB')}</span>}
        </span>
      )}
    </Question>
  );
}

export function DateQuestion({ path }: { path: Path }) {
  const form = useForm();
  const value = getAt(form.draft, path);
  return (
    <Question path={path}>
      {(control) => (
        <input
          type="date"
          {...aria(control)}
          value={typeof value === 'string' ? value : ''}
          onInput={(event) => form.set(path, event.currentTarget.value === '' ? undefined : event.currentTarget.value)}
        />
      )}
    </Question>
  );
}

export function SelectQuestion({ path, options, label }: { path: Path; options: Option[]; label?: string }) {
  const form = useForm();
  const value = getAt(form.draft, path);
  const info = fieldInfo(path);
  const question = patternOf(path);
  const known = options.some((option) => option.value === value);
  const current = value === undefined || value === null ? '' : String(value);
  return (
    <Question path={path} clearable={false} label={label}>
      {(control) => (
        <select {...aria(control)} value={current} onChange={(event) => form.set(path, event.currentTarget.value === '' ? undefined : event.currentTarget.value)}>
          {info?.hasDefault ? (
            <option value="">{t('fields.notAnsweredAssumes', { value: describeValue(question, info.defaultValue) })}</option>
          ) : (
            current === '' && <option value="" disabled>{t('addItem.choose')}</option>
          )}
          {!known && current !== '' && <option value={current}>{t('fields.invalid', { value: current })}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>{option.label}</option>
          ))}
        </select>
      )}
    </Question>
  );
}

/** A yes/no question as one checkbox; when not answered it shows what Landfall assumes. */
export function BoolQuestion({ path }: { path: Path }) {
  const form = useForm();
  const value = getAt(form.draft, path);
  const info = fieldInfo(path);
  const effective = typeof value === 'boolean' ? value : info?.defaultValue === true;
  return (
    <Question path={path} kind="check">
      {(control) => (
        <input
          type="checkbox"
          {...aria(control)}
          checked={effective}
          class={value === undefined ? 'intake-assumed' : undefined}
          onChange={(event) => form.set(path, event.currentTarget.checked)}
        />
      )}
    </Question>
  );
}

/** Several of a fixed set: a checkbox per option, all named by the path. */
export function CheckGroupQuestion({ path, options, columns = 2 }: { path: Path; options: Option[]; columns?: number }) {
  const form = useForm();
  const value = getAt(form.draft, path);
  const info = fieldInfo(path);
  const effective: unknown[] = Array.isArray(value) ? value : Array.isArray(info?.defaultValue) ? (info.defaultValue as unknown[]) : [];
  const unknown = effective.filter((item) => !options.some((option) => option.value === item));
  const all: Option[] = [...options, ...unknown.map((item) => ({ value: String(item), label: t('fields.invalid', { value: String(item) }) }))];
  const toggle = (option: string, on: boolean) => {
    // While the question shows the assumed default, ticking an option is the user's own first
    // choice: it replaces the default rather than adding to it (a pre-ticked Website is never
    // saved beside the App and API the user chose). Unticking an assumed option keeps the rest.
    const base = value === undefined && on ? [] : effective;
    const next = all.map((candidate) => candidate.value).filter((candidate) => (candidate === option ? on : base.includes(candidate)));
    form.set(path, next);
  };
  return (
    <Question path={path} kind="group" deep wide={columns > 2}>
      {(control) => (
        <div class={`intake-checks intake-cols-${columns}`}>
          {all.map((option, index) => (
            <label key={option.value} class={`intake-check${value === undefined ? ' intake-assumed' : ''}`}>
              <input
                type="checkbox"
                id={index === 0 ? `${control.id}-first` : undefined}
                name={control.name}
                value={option.value}
                checked={effective.includes(option.value)}
                disabled={control.disabled}
                aria-invalid={control.invalid ? 'true' : undefined}
                aria-describedby={control.invalid ? `${control.id}-error` : undefined}
                onChange={(event) => toggle(option.value, event.currentTarget.checked)}
              />
              <span>
                {option.label}
                {option.hint && <span class="intake-option-hint"> {option.hint}</span>}
              </span>
            </label>
          ))}
        </div>
      )}
    </Question>
  );
}

/**
 * A list of free strings: chips with a remove button, and a text box that adds on Enter or comma.
 * Suggestions come from a datalist and, with `listSuggestions`, from a visible list with descriptions.
 */
export function TagQuestion({ path, suggestions = [], listSuggestions = false, placeholder = 'Add…', label, clearable = true }: {
  path: Path;
  suggestions?: Option[];
  listSuggestions?: boolean;
  placeholder?: string;
  label?: string;
  clearable?: boolean;
}) {
  return (
    <Question path={path} deep wide label={label} clearable={clearable}>
      {(control) => <TagEditor path={path} control={control} suggestions={suggestions} listSuggestions={listSuggestions} placeholder={placeholder} label={label ?? helpFor(patternOf(path)).label} />}
    </Question>
  );
}

export function TagEditor({ path, control, suggestions = [], listSuggestions = false, placeholder = 'Add…', label }: {
  path: Path;
  control: ControlProps;
  suggestions?: Option[];
  listSuggestions?: boolean;
  placeholder?: string;
  label: string;
}) {
  const form = useForm();
  const [pending, setPending] = useState('');
  const value = getAt(form.draft, path);
  const info = fieldInfo(path);
  const list: string[] = (Array.isArray(value) ? value : Array.isArray(info?.defaultValue) ? (info.defaultValue as unknown[]) : []).map(String);
  const key = formatPath(path);
  const add = (text: string) => {
    const items = text.split(',').map((item) => item.trim()).filter((item) => item !== '' && !list.includes(item));
    if (items.length > 0) form.set(path, [...list, ...new Set(items)]);
    setPending('');
  };
  const remove = (index: number) => form.set(path, list.filter((_, at) => at !== index));
  const offered = suggestions.filter((option) => !list.includes(option.value));
  return (
    <div class="intake-tags">
      {list.length > 0 && (
        <ul class="intake-tag-list" aria-label={`${label}: ${list.length} listed`}>
          {list.map((tag, index) => {
            const bad = form.problems.has(`${key}[${index}]`);
            const described = suggestions.find((option) => option.value === tag)?.hint;
            return (
              <li key={`${tag}-${index}`} class={`intake-tag${bad ? ' intake-tag-bad' : ''}`} title={described}>
                <span>{tag}</span>
                {!control.disabled && (
                  <button type="button" onClick={() => remove(index)} aria-label={`Remove ${tag}`}>
                    <span aria-hidden="true">×</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <input
        type="text"
        {...aria(control)}
        value={pending}
        placeholder={control.disabled ? (list.length === 0 ? t('fields.noneListed') : '') : placeholder}
        autoComplete="off"
        spellcheck={false}
        list={suggestions.length > 0 && !control.disabled ? `${control.id}-list` : undefined}
        onInput={(event) => {
          const text = event.currentTarget.value;
          if (text.endsWith(',')) add(text);
          else setPending(text);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            add(pending);
          } else if (event.key === 'Backspace' && pending === '' && list.length > 0) {
            remove(list.length - 1);
          }
        }}
        onBlur={() => pending.trim() !== '' && add(pending)}
      />
      {suggestions.length > 0 && !control.disabled && (
        <datalist id={`${control.id}-list`}>
          {offered.map((option) => <option key={option.value} value={option.value}>{option.hint ?? option.label}</option>)}
        </datalist>
      )}
      {listSuggestions && !control.disabled && offered.length > 0 && (
        <details class="intake-suggestions">
          <summary>{t('fields.knownTags', { count: offered.length })}</summary>
          <ul>
            {offered.map((option) => (
              <li key={option.value}>
                <button type="button" class="button small" onClick={() => add(option.value)} aria-label={t('fields.addLabel', { value: option.value })}>{t('fields.add')}</button>

                <code>{option.value}</code>
                {option.hint && <span class="muted"> {option.hint}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
