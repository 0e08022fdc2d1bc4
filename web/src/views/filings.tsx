// The Filings tab: the filing packs that apply to the engagement (decided by the server as
// `landfall filing` decides), each downloadable as Word, Markdown or JSON, per system where the pack
// is per system, in the language chosen for the download; editors set the engagement's default.
import { useState } from 'preact/hooks';
import { api, type ApplicableFiling, type FilingKind, type OutputLanguage } from '../api.ts';
import { Empty, ErrorNotice, Loading, useAction, useAsync } from '../components/common.tsx';
import { DownloadLanguage, OUTPUT_LANGUAGES as LANGUAGES, languageName, useDownloadLanguage } from '../components/download-language.tsx';
import { t, useT } from '../i18n/i18n.ts';
import { useEngagement } from './engagement.tsx';
import './filings.css';

const FORMATS = [
  { id: 'docx', text: 'filings.format.docx' },
  { id: 'md', text: 'filings.format.md' },
  { id: 'json', text: 'filings.format.json' },
] as const;
/** The message ids of each pack's title and description: `filings.kind.<kind>.title` and `.about`. */
const kindInfo = (kind: FilingKind) => ({ title: t(`filings.kind.${kind}.title`), about: t(`filings.kind.${kind}.about`) });

export function FilingsView() {
  const t = useT();
  const { engagement } = useEngagement();
  const state = useAsync(() => api.filings(engagement.id), [engagement.id, engagement.version]);
  const [chosen, setLanguage] = useDownloadLanguage(engagement.language);
  if (state.error && !state.data) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading what={t('filings.loadingWhat')} />;
  return (
    <div class="filings">
      <section class="panel" aria-labelledby="filings-title">
        <div class="filings-head">
          <div>
            <h2 id="filings-title">{t('filings.title')}</h2>
            <p class="hint">{t('filings.lede', { asOf: state.data.asOf })}</p>
          </div>
          <div class="filings-languages">
            <DownloadLanguage name="filing-language" testId="filing-language" value={chosen} onChange={setLanguage} />
            <DefaultLanguage />
          </div>
        </div>
        {state.data.filings.length === 0 ? <Empty title={t('filings.empty')} /> : (
          <ul class="filings-list">
            {state.data.filings.map((filing) => <FilingCard key={filing.kind} filing={filing} language={chosen} />)}
          </ul>
        )}
      </section>
    </div>
  );
}

/** The engagement's default language: editors change it (recorded in the history); everyone sees it. */
function DefaultLanguage() {
  const t = useT();
  const { engagement, canEdit, replace } = useEngagement();
  const action = useAction();
  const current = languageName(engagement.language);
  if (!canEdit) return <p class="hint">{t('filings.engagementLanguageIs', { language: current })}</p>;
  return (
    <label class="field">
      <span class="field-label">{t('filings.engagementLanguage')}</span>
      <select name="engagement-language" value={engagement.language} disabled={action.busy} data-testid="engagement-language"
        onChange={(event) => { const next = event.currentTarget.value as OutputLanguage; void action.run(async () => replace(await api.setLanguage(engagement.id, next))); }}>
        {LANGUAGES.map((option) => <option key={option.id} value={option.id} lang={option.id}>{option.text}</option>)}
      </select>
      {action.error ? <ErrorNotice error={action.error} /> : null}
    </label>
  );
}

function FilingCard({ filing, language }: { filing: ApplicableFiling; language: OutputLanguage }) {
  const t = useT();
  const { engagement } = useEngagement();
  const [transfer, setTransfer] = useState('');
  const info = kindInfo(filing.kind);
  const targets: Array<{ system?: string; label: string | null }> = filing.systems ? filing.systems.map((system) => ({ system: system.id, label: system.name })) : [{ label: null }];
  return (
    <li class="card filing-card" data-testid={`filing-${filing.kind}`}>
      <h3>{info.title}</h3>
      <p class="muted">{info.about}</p>
      {filing.transfers && filing.transfers.length > 1 && (
        <label class="field filing-transfer">
          <span class="field-label">{t('filings.transfers')}</span>
          <select name={`${filing.kind}-transfer`} value={transfer} onChange={(event) => setTransfer(event.currentTarget.value)}>
            <option value="">{t('filings.everyTransfer')}</option>
            {filing.transfers.map((id) => <option key={id} value={id}>{id}</option>)}
          </select>
        </label>
      )}
      <ul class="filing-targets">
        {targets.map((target) => (
          <li key={target.system ?? 'all'}>
            {target.label && <span class="filing-system">{target.label}</span>}
            <span class="filing-downloads" role="group" aria-label={target.label ? t('filings.downloadFor', { title: info.title, system: target.label }) : t('filings.download', { title: info.title })}>
              {FORMATS.map((format) => (
                <a key={format.id} class="button small" download data-testid={`filing-${filing.kind}${target.system ? `-${target.system}` : ''}-${format.id}`}
                  href={api.filingUrl(engagement.id, filing.kind, { system: target.system, transfer: transfer || undefined, lang: language, format: format.id })}>
                  {t(format.text)} <span aria-hidden="true">.{format.id}</span>

                </a>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </li>
  );
}
