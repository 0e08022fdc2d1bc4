// The guided form: one section per part of the entry profile, systems and transfers as
// collapsible cards. Every question reads and writes the draft through the form context.
import type { ComponentChildren } from 'preact';
import {
  AUDIENCE_OPTIONS, LISTING_OPTIONS, OPERATOR_OPTIONS, CHANNEL_OPTIONS, CITY_SUGGESTIONS, CRYPTOGRAPHY_SUGGESTIONS, DATA_CATEGORY_SUGGESTIONS, ENTITY_OPTIONS, HOSTING_OPTIONS,
  IMPACT_DEGREE_OPTIONS, IMPACT_OBJECT_OPTIONS, IMPORTANT_DATA_OPTIONS, INTEGRATION_SUGGESTIONS, ISO_EDITION_OPTIONS, SCENARIO_OPTIONS,
  SECTION_INTROS, SECTOR_OPTIONS, SENSITIVE_PI_OPTIONS, SOC2_CATEGORY_OPTIONS, SOC2_REPORT_OPTIONS,
} from './intake-help.ts';
import {
  BoolQuestion, CheckGroupQuestion, DateQuestion, NumberQuestion, Question, SelectQuestion, TagEditor, TagQuestion, TextQuestion, problemsFor, useForm,
} from './fields.tsx';
import { domId, fieldInfo, formatPath, getAt, isObject, type Json, type Path } from './profile-path.ts';
import { t as translate } from '../../i18n/i18n.ts';

export interface CardControls {
  collapsed: ReadonlySet<string>;
  toggle: (key: string) => void;
  add: (list: 'systems' | 'transfers') => void;
  remove: (list: 'systems' | 'transfers', index: number) => void;
}

/** The intake's sections; their names are the messages `intake.section.<id>`. */
export const SECTIONS = (['organisation', 'systems', 'transfers', 'controls', 'plan'] as const).map((id) => ({
  id,
  get title() { return translate(`intake.section.${id}`); },
}));

function Section({ id, title, count, children, actions }: { id: string; title: string; count?: number; children: ComponentChildren; actions?: ComponentChildren }) {
  const form = useForm();
  const sectionProblems = [...form.problems.keys()].filter((key) => key === id || key.startsWith(`${id}.`) || key.startsWith(`${id}[`)).length;
  return (
    <section class="panel intake-section" id={domId(id)} tabIndex={-1} aria-labelledby={`${domId(id)}-title`}>
      <div class="intake-section-head">
        <h2 id={`${domId(id)}-title`}>
          {title}
          {count !== undefined && <span class="intake-count"> ({count})</span>}
        </h2>
        {sectionProblems > 0 && <span class="chip tone-bad">{translate('intake.problems', { count: sectionProblems })}</span>}
        {actions}
      </div>
      {SECTION_INTROS[id] && <p class="intake-intro">{SECTION_INTROS[id]}</p>}
      {children}
    </section>
  );
}

/** A note for a whole defaulted part (systems, controls, plan) that is not in the profile. */
function PartNote({ path, what }: { path: Path; what: string }) {
  const form = useForm();
  if (getAt(form.draft, path) !== undefined) return null;
  return (
    <p class="intake-default intake-part-default">
      <strong>{translate('fields.notAnswered')}</strong> {what}
      {form.openQuestions.get(formatPath(path)) && <span class="intake-oq"> {translate('fields.openQuestion', { number: form.openQuestions.get(formatPath(path)) })}</span>}
    </p>
  );
}

function Grid({ children, title }: { children: ComponentChildren; title?: string }) {
  return (
    <>
      {title && <h4 class="intake-subhead">{title}</h4>}
      <div class="intake-grid">{children}</div>
    </>
  );
}

function Card({ path, title, subtitle, controls, list, index, children }: {
  path: Path;
  title: string;
  subtitle: string;
  controls: CardControls;
  list: 'systems' | 'transfers';
  index: number;
  children: ComponentChildren;
}) {
  const form = useForm();
  const key = formatPath(path);
  const open = !controls.collapsed.has(key);
  const id = domId(path);
  const count = problemsFor(form.problems, key, true).length;

  return (
    <article class={`card intake-card${count > 0 ? ' intake-card-invalid' : ''}`} id={id} tabIndex={-1} aria-labelledby={`${id}-title`}>
      <header class="intake-card-head">
        <button type="button" class="intake-disclosure" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => controls.toggle(key)}>
          <span class="intake-caret" aria-hidden="true">{open ? '▾' : '▸'}</span>
          <span class="intake-card-title" id={`${id}-title`}>{title}</span>
          <span class="intake-card-sub">{subtitle}</span>
        </button>
        {count > 0 && <span class="chip tone-bad">{translate('intake.problems', { count })}</span>}
        {!form.readOnly && (
          <button type="button" class="button small danger" onClick={() => controls.remove(list, index)} aria-label={translate('intake.removeCard', { list, title })}>
            {translate('members.remove')}
          </button>
        )}
      </header>
      <div class="intake-card-body" id={`${id}-body`} hidden={!open}>
        {children}
      </div>
    </article>
  );
}

export function OrganisationSection() {
  const o = (key: string): Path => ['organisation', key];
  return (
    <Section id="organisation" title={translate('intake.section.organisation')}>
      <Grid>
        <TextQuestion path={o('name')} emptyAs="empty" maxLength={200} />
        <TextQuestion path={o('headquarters')} upper maxLength={2} placeholder={translate('intake.placeholder.country')} />
        <SelectQuestion path={o('mainlandEntity')} options={ENTITY_OPTIONS} />
        <TextQuestion path={o('mainlandCity')} suggestions={CITY_SUGGESTIONS} placeholder={translate('intake.placeholder.city')} />
        <NumberQuestion path={o('foreignOwnershipPercent')} max={100} step={0.1} unit="%" />
        <NumberQuestion path={o('individualsProcessed')} />
        <NumberQuestion path={o('priorYearTurnoverRmb')} />
        <SelectQuestion path={o('listingPlanned')} options={LISTING_OPTIONS} />
        <TextQuestion path={o('freeTradeZone')} placeholder={translate('intake.placeholder.ftz')} />
        <BoolQuestion path={o('ciiNotified')} />
        <CheckGroupQuestion path={o('sectors')} options={SECTOR_OPTIONS} columns={3} />
      </Grid>
    </Section>
  );
}

/** A repeatable part of the profile (systems, transfers): its cards, its problems and an add button. */
function ListSection({ list: key, title, empty, addLabel, controls, card }: {
  list: 'systems' | 'transfers';
  title: string;
  empty: string;
  addLabel: string;
  controls: CardControls;
  card: (record: Record<string, unknown>, index: number) => { title: string; subtitle: string; body: ComponentChildren };
}) {
  const form = useForm();
  const value = getAt(form.draft, [key]);
  const list = Array.isArray(value) ? value : [];
  return (
    <Section id={key} title={title} count={list.length}>
      <PartNote path={[key]} what={empty} />
      {problemsFor(form.problems, key).map((message) => <p class="field-error" key={message}>{message}</p>)}
      <div class="intake-cards">
        {list.map((entry, index) => {
          const shown = card(isObject(entry) ? entry : {}, index);
          return (
            <Card key={index} path={[key, index]} title={shown.title} subtitle={shown.subtitle} controls={controls} list={key} index={index}>
              {shown.body}
            </Card>
          );
        })}
      </div>
      {!form.readOnly && (
        <button type="button" class="button intake-add" onClick={() => controls.add(key)}>{addLabel}</button>
      )}
    </Section>
  );
}

export function SystemsSection({ controls }: { controls: CardControls }) {
  return (
    <ListSection
      list="systems"
      title={translate('intake.section.systems')}
      empty={translate('intake.systems.empty')}
      addLabel={translate('intake.systems.add')}
      controls={controls}
      card={(record, index) => {
        const title = typeof record.name === 'string' && record.name ? record.name : typeof record.id === 'string' && record.id ? record.id : translate('intake.systemN', { n: index + 1 });
        const subtitle = [typeof record.id === 'string' ? record.id : '', typeof record.hosting === 'string' ? HOSTING_OPTIONS.find((o) => o.value === record.hosting)?.label ?? '' : '']
          .filter((part) => part && part !== title)
          .join(' · ');
        return { title, subtitle, body: <SystemFields index={index} /> };
      }}
    />
  );
}

function SystemFields({ index }: { index: number }) {
  const s = (...key: string[]): Path => ['systems', index, ...key];
  return (
    <>
      <Grid title={translate('intake.grid.identity')}>
        <TextQuestion path={s('id')} emptyAs="empty" placeholder={translate('intake.placeholder.systemId')} />
        <TextQuestion path={s('name')} />
        <SelectQuestion path={s('audience')} options={AUDIENCE_OPTIONS} />
      </Grid>
      <Grid title={translate('intake.grid.reach')}>
        <BoolQuestion path={s('servesMainlandUsers')} />
        <BoolQuestion path={s('internetFacing')} />
        <BoolQuestion path={s('commercialService')} />
        <BoolQuestion path={s('platform')} />
        <CheckGroupQuestion path={s('channels')} options={CHANNEL_OPTIONS} columns={4} />
      </Grid>
      <Grid title={translate('intake.grid.hosting')}>
        <SelectQuestion path={s('hosting')} options={HOSTING_OPTIONS} />
        <BoolQuestion path={s('cloudHosted')} />
        <BoolQuestion path={s('iot')} />
        <BoolQuestion path={s('industrialControl')} />
      </Grid>
      <Grid title={translate('intake.grid.users')}>
        <UsersQuestion index={index} />
        <BoolQuestion path={s('collectsMainlandPersonalInformation')} />
        <SelectQuestion path={s('importantData')} options={IMPORTANT_DATA_OPTIONS} />
        <CheckGroupQuestion path={s('sensitivePersonalInformation')} options={SENSITIVE_PI_OPTIONS} columns={3} />
        <TagQuestion path={s('dataCategories')} suggestions={DATA_CATEGORY_SUGGESTIONS} listSuggestions placeholder={translate('intake.placeholder.tag')} />
      </Grid>
      <Grid title={translate('intake.grid.mlps')}>
        <ImpactQuestion index={index} />
      </Grid>
      <Grid title={translate('intake.grid.localisation')}>
        <TagQuestion path={s('integrations')} suggestions={INTEGRATION_SUGGESTIONS} placeholder={translate('intake.placeholder.integration')} />
      </Grid>
      <Grid title={translate('intake.grid.operation')}>
        <SelectQuestion path={s('operator')} options={OPERATOR_OPTIONS} />
        <BoolQuestion path={s('partOfCii')} />
      </Grid>
      <Grid title={translate('intake.grid.algorithms')}>
        <AlgorithmsQuestion index={index} />
      </Grid>
    </>
  );
}

function AlgorithmsQuestion({ index }: { index: number }) {
  const path: Path = ['systems', index, 'algorithms'];
  return (
    <Question path={path} kind="group" wide>
      {() => (
        <div class="intake-grid intake-nested">
          <BoolQuestion path={[...path, 'recommendation']} />
          <BoolQuestion path={[...path, 'deepSynthesis']} />
          <BoolQuestion path={[...path, 'generativeAi']} />
          <BoolQuestion path={[...path, 'publicOpinion']} />
        </div>
      )}
    </Question>
  );
}

function UsersQuestion({ index }: { index: number }) {
  const path: Path = ['systems', index, 'users'];
  return (
    <Question path={path} kind="group" wide>
      {() => (
        <div class="intake-grid intake-nested">
          <NumberQuestion path={[...path, 'registered']} clearable={false} />
          <NumberQuestion path={[...path, 'monthlyActive']} clearable={false} />
        </div>
      )}
    </Question>
  );
}

function ImpactQuestion({ index }: { index: number }) {
  const path: Path = ['systems', index, 'impact'];
  const axes = ['businessInformation', 'systemService'] as const;
  return (
    <Question path={path} kind="group" wide>
      {() => (
        <div class="intake-grid intake-nested">
          {axes.map((axis) => (
            <Question key={axis} path={[...path, axis]} kind="group" clearable={false}>
              {() => (
                <>
                  <ImpactSelect path={[...path, axis, 'object']} />
                  <ImpactSelect path={[...path, axis, 'degree']} />
                </>
              )}
            </Question>
          ))}
        </div>
      )}
    </Question>
  );
}

/** An impact select shows the assumed value when impact is not answered; choosing seeds the whole impact. */
function ImpactSelect({ path }: { path: Path }) {
  const form = useForm();
  const last = path[path.length - 1];
  const options = last === 'object' ? IMPACT_OBJECT_OPTIONS : IMPACT_DEGREE_OPTIONS;
  const value = getAt(form.draft, path);
  const assumed = getAt(fieldInfo(path.slice(0, 3))?.defaultValue, path.slice(3));
  const impactAnswered = getAt(form.draft, path.slice(0, 3)) !== undefined;
  const current = typeof value === 'string' ? value : impactAnswered ? '' : String(assumed);
  return (
    <Question path={path} clearable={false}>
      {(control) => (
        <select
          id={control.id}
          name={control.name}
          aria-describedby={control.describedBy}
          aria-invalid={control.invalid ? 'true' : undefined}
          disabled={control.disabled}
          class={impactAnswered ? undefined : 'intake-assumed'}
          value={current}
          onChange={(event) => form.set(path, event.currentTarget.value)}
        >
          {current === '' && <option value="" disabled>{translate('addItem.choose')}</option>}
          {current !== '' && !options.some((option) => option.value === current) && <option value={current}>{translate('fields.invalid', { value: current })}</option>}
          {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
        </select>
      )}
    </Question>
  );
}

export function TransfersSection({ controls }: { controls: CardControls }) {
  return (
    <ListSection
      list="transfers"
      title={translate('intake.section.transfers')}
      empty={translate('intake.transfers.empty')}
      addLabel={translate('intake.transfers.add')}
      controls={controls}
      card={(record, index) => {
        const title = typeof record.id === 'string' && record.id ? record.id : translate('intake.transferN', { n: index + 1 });
        const from = typeof record.fromSystem === 'string' ? record.fromSystem : record.fromSystem === null ? 'handler-wide' : '';
        const to = typeof record.destination === 'string' ? record.destination : '';
        return { title, subtitle: from || to ? `${from || '…'} → ${to || '…'}` : '', body: <TransferFields index={index} /> };
      }}
    />
  );
}

function TransferFields({ index }: { index: number }) {
  const t = (key: string): Path => ['transfers', index, key];
  return (
    <>
      <Grid title={translate('intake.grid.flow')}>
        <TextQuestion path={t('id')} emptyAs="empty" placeholder={translate('intake.placeholder.transferId')} />
        <FromSystemQuestion index={index} />
        <TextQuestion path={t('destination')} upper maxLength={2} placeholder={translate('intake.placeholder.country')} />
        <TextQuestion path={t('recipient')} placeholder={translate('intake.placeholder.recipient')} />
        <SelectQuestion path={t('scenario')} options={SCENARIO_OPTIONS} />
      </Grid>
      <Grid title={translate('intake.grid.volume')}>
        <NumberQuestion path={t('nonSensitiveIndividuals')} />
        <NumberQuestion path={t('sensitiveIndividuals')} />
        <BoolQuestion path={t('importantData')} />
        <BoolQuestion path={t('remoteAccess')} />
      </Grid>
    </>
  );
}

const HANDLER_WIDE = '(handler-wide)';

function FromSystemQuestion({ index }: { index: number }) {
  const form = useForm();
  const path: Path = ['transfers', index, 'fromSystem'];
  const value = getAt(form.draft, path);
  const systems = getAt(form.draft, ['systems']);
  const ids = (Array.isArray(systems) ? systems : [])
    .map((system) => (isObject(system) && typeof system.id === 'string' ? { id: system.id, name: typeof system.name === 'string' ? system.name : '' } : null))
    .filter((entry): entry is { id: string; name: string } => entry != null && entry.id !== '');
  const current = value === undefined ? '' : value === null ? HANDLER_WIDE : String(value);
  const known = current === '' || current === HANDLER_WIDE || ids.some((entry) => entry.id === current);
  return (
    <Question path={path} clearable={false}>
      {(control) => (
        <select
          id={control.id}
          name={control.name}
          aria-describedby={control.describedBy}
          aria-invalid={control.invalid ? 'true' : undefined}
          disabled={control.disabled}
          value={current}
          onChange={(event) => {
            const next = event.currentTarget.value;
            form.set(path, next === '' ? undefined : next === HANDLER_WIDE ? null : next);
          }}
        >
          <option value="">{translate('intake.notAnswered')}</option>
          <option value={HANDLER_WIDE}>{translate('intake.handlerWide')}</option>
          {!known && <option value={current}>{translate('intake.noSuchSystem', { value: current })}</option>}
          {ids.map((entry) => <option key={entry.id} value={entry.id}>{entry.name ? translate('changes.named', { name: entry.name, id: entry.id }) : entry.id}</option>)}
        </select>
      )}
    </Question>
  );
}

export function ControlsSection() {
  const form = useForm();
  return (
    <Section id="controls" title={translate('intake.section.controls')}>
      <PartNote path={['controls']} what={translate('intake.controls.empty')} />
      <h3 class="intake-subhead">{'SOC 2'}</h3>
      <Soc2Question />
      <h3 class="intake-subhead">{'ISO/IEC 27001'}</h3>

      <IsoQuestion />
      <h3 class="intake-subhead">{translate('intake.practices')}</h3>
      {getAt(form.draft, ['controls']) !== undefined && <PartNote path={['controls', 'practices']} what={translate('intake.practices.empty')} />}
      <Grid>
        <BoolQuestion path={['controls', 'practices', 'logsStoredInMainland']} />
        <NumberQuestion path={['controls', 'practices', 'logRetentionMonths']} unit="months" />
        <BoolQuestion path={['controls', 'practices', 'sourceCodeReview']} />
        <BoolQuestion path={['controls', 'practices', 'personnelBackgroundChecks']} />
        <TagQuestion path={['controls', 'practices', 'cryptography']} suggestions={CRYPTOGRAPHY_SUGGESTIONS} listSuggestions placeholder={translate('intake.placeholder.algorithm')} />
      </Grid>
    </Section>
  );
}

/** Present / absent / not answered, for a nullable object such as the SOC 2 report. */
function PresenceSelect({ path, yes, no, seed }: { path: Path; yes: string; no: string; seed: Json }) {
  const form = useForm();
  const value = getAt(form.draft, path);
  const current = value === undefined ? '' : value === null ? 'no' : 'yes';
  return (
    <Question path={path} clearable={false}>
      {(control) => (
        <select
          id={control.id}
          name={control.name}
          aria-describedby={control.describedBy}
          aria-invalid={control.invalid ? 'true' : undefined}
          disabled={control.disabled}
          value={current}
          onChange={(event) => {
            const next = event.currentTarget.value;
            form.set(path, next === '' ? undefined : next === 'no' ? null : isObject(value) ? value : structuredClone(seed));
          }}
        >
          <option value="">{translate('intake.notAnsweredNone')}</option>
          <option value="no">{no}</option>
          <option value="yes">{yes}</option>
        </select>
      )}
    </Question>
  );
}

function Soc2Question() {
  const form = useForm();
  const path: Path = ['controls', 'soc2'];
  const present = isObject(getAt(form.draft, path));
  return (
    <Grid>
      <PresenceSelect path={path} yes="Yes, a SOC 2 report" no="No SOC 2 report" seed={{ categories: ['security'] }} />
      {present && (
        <>
          <SelectQuestion path={[...path, 'report']} options={SOC2_REPORT_OPTIONS} />
          <CheckGroupQuestion path={[...path, 'categories']} options={SOC2_CATEGORY_OPTIONS} columns={3} />
        </>
      )}
    </Grid>
  );
}

function IsoQuestion() {
  const form = useForm();
  const path: Path = ['controls', 'iso27001'];
  const present = isObject(getAt(form.draft, path));
  return (
    <Grid>
      <PresenceSelect path={path} yes="Yes, ISO/IEC 27001 is implemented" no="No ISO/IEC 27001" seed={{ certified: false }} />
      {present && (
        <>
          <SelectQuestion path={[...path, 'edition']} options={ISO_EDITION_OPTIONS} />
          <BoolQuestion path={[...path, 'certified']} />
          <ImplementedQuestion />
        </>
      )}
    </Grid>
  );
}

function ImplementedQuestion() {
  const form = useForm();
  const path: Path = ['controls', 'iso27001', 'implemented'];
  const value = getAt(form.draft, path);
  const mode = value === 'all' ? 'all' : Array.isArray(value) ? 'list' : '';
  const name = formatPath(path);
  return (
    <Question path={path} kind="group" deep wide clearable={false}>
      {(control) => (
        <>
          <div class="segmented intake-segmented" role="radiogroup" aria-label={translate('intake.iso.which')}>
            {(['all', 'list'] as const).map((option) => (
              <label key={option} class={mode === option ? 'selected' : ''}>
                <input
                  type="radio"
                  id={option === 'all' ? `${control.id}-first` : undefined}
                  name={name}
                  value={option}
                  checked={mode === option}
                  disabled={control.disabled}
                  aria-invalid={control.invalid ? 'true' : undefined}
                  onChange={() => form.set(path, option === 'all' ? 'all' : Array.isArray(value) ? value : [])}
                />
                {option === 'all' ? translate('intake.iso.all') : translate('intake.iso.listed')}
              </label>
            ))}
          </div>
          {mode === 'list' && (
            <div class="intake-q intake-nested-list">
              <label class="field-label" for={`${control.id}-ids`}>{translate('intake.iso.ids')}</label>
              <TagEditor path={path} control={{ ...control, id: `${control.id}-ids` }} label={translate('intake.iso.ids')} placeholder={translate('intake.placeholder.annexA')} />
            </div>
          )}
        </>
      )}
    </Question>
  );
}

export function PlanSection() {
  return (
    <Section id="plan" title={translate('intake.section.plan')}>
      <PartNote path={['plan']} what={translate('intake.plan.empty')} />
      <Grid>
        <DateQuestion path={['plan', 'start']} />
        <DateQuestion path={['plan', 'goLive']} />
      </Grid>
    </Section>
  );
}
