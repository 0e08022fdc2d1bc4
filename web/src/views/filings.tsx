// The Filings tab: the filing packs that apply to the engagement (decided by the server as
// `landfall filing` decides), each downloadable as Word, Markdown or JSON, per system where the pack
// is per system, in the language chosen for the download; editors set the engagement's default.
import { useState } from 'preact/hooks';
import { api, type ApplicableFiling, type FilingKind, type OutputLanguage } from '../api.ts';
import { Empty, ErrorNotice, Loading, useAction, useAsync } from '../components/common.tsx';
import { useEngagement } from './engagement.tsx';
import './filings.css';

const LANGUAGES: ReadonlyArray<{ id: OutputLanguage; text: string }> = [
  { id: 'en', text: 'English' },
  { id: 'zh-CN', text: '中文 (简体)' },
];
const FORMATS = [
  { id: 'docx', text: 'Word' },
  { id: 'md', text: 'Markdown' },
  { id: 'json', text: 'JSON' },
] as const;
const KIND_INFO: Record<FilingKind, { title: string; about: string }> = {
  pipia: { title: 'PI protection impact assessment report (个人信息保护影响评估报告)', about: 'The PIPL Art. 55 cases, and a section per outbound transfer: recipient, its country, the data, risks and measures.' },
  'standard-contract': { title: 'Standard contract filing pack (标准合同备案)', about: 'Annex I of each counted transfer, the materials list and the filing deadline in PRC working days.' },
  'security-assessment': { title: 'Security-assessment declaration pack (数据出境安全评估申报)', about: 'The declaration\'s materials, the self-assessment report outline, validity and the extension window.' },
  'mlps-grading': { title: 'MLPS grading report (定级报告)', about: 'Per system, in the GB/T 22240-2020 structure: business information, system service, final level and reasoning.' },
  'mlps-filing': { title: 'MLPS filing form (备案表)', about: 'Per system of level 2 and above: the filing form\'s tables and the deadline after go-live.' },
};

export function FilingsView() {
  const { engagement } = useEngagement();
  const state = useAsync(() => api.filings(engagement.id), [engagement.id, engagement.version]);
  const [language, setLanguage] = useState<OutputLanguage | null>(null);
  if (state.error && !state.data) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading what="the filing packs" />;
  const chosen = language ?? engagement.language;
  return (
    <div class="filings">
      <section class="panel" aria-labelledby="filings-title">
        <div class="filings-head">
          <div>
            <h2 id="filings-title">Filing packs</h2>
            <p class="hint">Drafted from the latest profile and its assessment as of {state.data.asOf}, each citing its basis. Fields the profile cannot fill are marked for the consultant, never invented.</p>
          </div>
          <div class="filings-languages">
            <label class="field">
              <span class="field-label">Download in</span>
              <select name="filing-language" value={chosen} onChange={(event) => setLanguage(event.currentTarget.value as OutputLanguage)} data-testid="filing-language">
                {LANGUAGES.map((option) => <option key={option.id} value={option.id}>{option.text}</option>)}
              </select>
            </label>
            <DefaultLanguage />
          </div>
        </div>
        {state.data.filings.length === 0 ? <Empty title="No filing pack applies to this engagement" /> : (
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
  const { engagement, canEdit, replace } = useEngagement();
  const action = useAction();
  const current = LANGUAGES.find((option) => option.id === engagement.language)?.text ?? engagement.language;
  if (!canEdit) return <p class="hint">The engagement's language: {current}.</p>;
  return (
    <label class="field">
      <span class="field-label">The engagement's language</span>
      <select name="engagement-language" value={engagement.language} disabled={action.busy} data-testid="engagement-language"
        onChange={(event) => { const next = event.currentTarget.value as OutputLanguage; void action.run(async () => replace(await api.setLanguage(engagement.id, next))); }}>
        {LANGUAGES.map((option) => <option key={option.id} value={option.id}>{option.text}</option>)}
      </select>
      {action.error ? <ErrorNotice error={action.error} /> : null}
    </label>
  );
}

function FilingCard({ filing, language }: { filing: ApplicableFiling; language: OutputLanguage }) {
  const { engagement } = useEngagement();
  const [transfer, setTransfer] = useState('');
  const info = KIND_INFO[filing.kind];
  const targets: Array<{ system?: string; label: string | null }> = filing.systems ? filing.systems.map((system) => ({ system: system.id, label: system.name })) : [{ label: null }];
  return (
    <li class="card filing-card" data-testid={`filing-${filing.kind}`}>
      <h3>{info.title}</h3>
      <p class="muted">{info.about}</p>
      {filing.transfers && filing.transfers.length > 1 && (
        <label class="field filing-transfer">
          <span class="field-label">Transfers</span>
          <select name={`${filing.kind}-transfer`} value={transfer} onChange={(event) => setTransfer(event.currentTarget.value)}>
            <option value="">Every counted transfer</option>
            {filing.transfers.map((id) => <option key={id} value={id}>{id}</option>)}
          </select>
        </label>
      )}
      <ul class="filing-targets">
        {targets.map((target) => (
          <li key={target.system ?? 'all'}>
            {target.label && <span class="filing-system">{target.label}</span>}
            <span class="filing-downloads" role="group" aria-label={`Download ${info.title}${target.label ? ` for ${target.label}` : ''}`}>
              {FORMATS.map((format) => (
                <a key={format.id} class="button small" download data-testid={`filing-${filing.kind}${target.system ? `-${target.system}` : ''}-${format.id}`}
                  href={api.filingUrl(engagement.id, filing.kind, { system: target.system, transfer: transfer || undefined, lang: language, format: format.id })}>
                  {format.text} <span aria-hidden="true">.{format.id}</span>
                </a>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </li>
  );
}
