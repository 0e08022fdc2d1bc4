// The profile as YAML, for power users. The `yaml` package is loaded on first use so that it stays
// out of the main bundle. Text that parses replaces the draft; text that does not is kept with its
// errors (line and column) and the draft stays at the last text that parsed.
import { useEffect, useRef, useState } from 'preact/hooks';
import type * as YAML from 'yaml';
import { ErrorNotice, Loading } from '../../components/common.tsx';
import { isObject, sameJson, type Json } from './profile-path.ts';
import { t, tx, useT } from '../../i18n/i18n.ts';

type YamlModule = typeof YAML;

let yamlModule: Promise<YamlModule> | undefined;
/** The yaml package, loaded once. */
export function loadYaml(): Promise<YamlModule> {
  yamlModule ??= import('yaml').catch((error: unknown) => {
    yamlModule = undefined;
    throw error;
  });
  return yamlModule;
}

/** Maps written on one line, as in the example profiles: `users: { registered: 0, monthlyActive: 0 }`. */
const FLOW_MAPS = new Set(['users', 'businessInformation', 'systemService']);

/** The profile as YAML in the style of the examples: lists of plain values on one line. */
function stringify(yaml: YamlModule, value: Json): string {
  const document = new yaml.Document(value);
  yaml.visit(document, {
    Seq(_, node) {
      if (node.items.every((item) => yaml.isScalar(item))) node.flow = true;
    },
    Pair(_, pair) {
      if (yaml.isScalar(pair.key) && FLOW_MAPS.has(String(pair.key.value)) && yaml.isMap(pair.value)) pair.value.flow = true;
    },
  });
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

export async function toYaml(value: Json): Promise<string> {
  return stringify(await loadYaml(), value);
}

interface YamlError {
  line: number | null;
  column: number | null;
  message: string;
}

function parse(yaml: YamlModule, text: string): { ok: true; value: Json } | { ok: false; errors: YamlError[] } {
  // The server's reading: YAML 1.2 core schema (dates stay strings), duplicate keys refused.
  const document = yaml.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) => ({
        line: error.linePos?.[0].line ?? null,
        column: error.linePos?.[0].col ?? null,
        message: (error.message.split('\n')[0] ?? 'invalid YAML').replace(/ at line \d+, column \d+:?$/, ''),
      })),
    };
  }
  const value = document.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isObject(value)) return { ok: false, errors: [{ line: null, column: null, message: t('yaml.notProfile') }] };
  return { ok: true, value: value as Json };
}

export function YamlView({ draft, onChange, readOnly, onBrokenChange }: {
  draft: Json;
  onChange: (value: Json) => void;
  readOnly: boolean;
  /** Tells the page whether the text currently fails to parse (saving waits for it). */
  onBrokenChange: (broken: boolean) => void;
}) {
  const t = useT();
  const [yaml, setYaml] = useState<YamlModule | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<YamlError[]>([]);
  const [copied, setCopied] = useState<string | null>(null);
  const lastParsed = useRef<Json | undefined>(undefined);
  const gutter = useRef<HTMLDivElement>(null);

  const load = () => {
    setLoadError(null);
    loadYaml().then(setYaml, setLoadError);
  };
  useEffect(load, []);

  // Follow the draft when it changes from elsewhere (discard, reload, a save), not while typing.
  useEffect(() => {
    if (!yaml) return;
    if (lastParsed.current !== undefined && sameJson(lastParsed.current, draft)) return;
    lastParsed.current = draft;
    setText(stringify(yaml, draft));
    setErrors([]);
    onBrokenChange(false);
  }, [yaml, draft]);

  useEffect(() => () => onBrokenChange(false), []);

  if (loadError) return <ErrorNotice error={new Error(t('yaml.loadFailed'))} onRetry={load} />;
  if (!yaml) return <Loading what={t('yaml.loadingWhat')} />;

  const onInput = (next: string) => {
    setText(next);
    const result = parse(yaml, next);
    if (!result.ok) {
      setErrors(result.errors);
      onBrokenChange(true);
      return;
    }
    setErrors([]);
    onBrokenChange(false);
    lastParsed.current = result.value;
    if (!sameJson(result.value, draft)) onChange(result.value);
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(t('members.otp.copied'));
    } catch {
      setCopied(t('yaml.clipboardRefused'));
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/yaml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'profile.yaml';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const lines = text.split('\n').length;
  const badLines = new Set(errors.map((error) => error.line).filter((line): line is number => line != null));
  return (
    <section class="panel intake-yaml" aria-labelledby="intake-yaml-label">
      <div class="intake-yaml-head">
        <label id="intake-yaml-label" class="field-label" for="intake-yaml-text">{t('yaml.label')}</label>
        <div class="intake-yaml-actions">
          <button type="button" class="button small" onClick={copy}>{t('yaml.copy')}</button>
          <button type="button" class="button small" onClick={download}>{t('yaml.download')}</button>
        </div>
      </div>
      <p class="field-help" id="intake-yaml-help">
        {readOnly ? tx('yaml.readOnlyHelp', { code: (chunks) => <code>{chunks}</code> }) : t('yaml.editHelp')}
      </p>
      {copied && <p class="hint" role="status">{copied}</p>}
      <div class={`intake-editor${errors.length > 0 ? ' intake-editor-bad' : ''}`}>
        <div class="intake-gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lines }, (_, index) => (
            <span key={index} class={badLines.has(index + 1) ? 'intake-gutter-bad' : undefined}>{index + 1}</span>
          ))}
        </div>
        <textarea
          id="intake-yaml-text"
          name="profile-yaml"
          class="intake-yaml-text"
          value={text}
          readOnly={readOnly}
          spellcheck={false}
          autoComplete="off"
          wrap="off"
          rows={Math.min(Math.max(lines + 1, 16), 40)}
          aria-describedby={errors.length > 0 ? 'intake-yaml-help intake-yaml-errors' : 'intake-yaml-help'}
          aria-invalid={errors.length > 0 ? 'true' : undefined}
          onInput={(event) => onInput(event.currentTarget.value)}
          onScroll={(event) => {
            if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
          }}
        />
      </div>
      {errors.length > 0 && (
        <div class="field-error intake-yaml-errors" id="intake-yaml-errors" role="alert">
          <p>{t('yaml.broken')}</p>
          <ul>
            {errors.map((error, index) => (
              <li key={index}>
                {error.line != null ? (error.column != null ? t('yaml.lineColumn', { line: error.line, column: error.column }) : t('yaml.line', { line: error.line })) : ''}

                {error.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
