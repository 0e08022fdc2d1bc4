// The requirements register: filters (status, category, system, legal review, free text, show
// superseded), "n of m items", and the matching items grouped by category with a count per group.
import type { ComponentChildren } from 'preact';
import type { AnnexItem } from '../../api.ts';
import { Empty } from '../../components/common.tsx';
import { label } from '../../labels.ts';
import { tx, useT } from '../../i18n/i18n.ts';
import { SECTION_STATUSES, NO_FILTERS, ORGANISATION_WIDE, REGISTER_CATEGORIES, categoryTitle, filtersActive, matchesFilters, type RegisterFilters } from './annex-model.ts';

export function RegisterFilterBar({ items, filters, onChange, systemName }: {
  /** Every register item, superseded ones included. */
  items: AnnexItem[];
  filters: RegisterFilters;
  onChange: (filters: RegisterFilters) => void;
  systemName: (id: string) => string;
}) {
  const t = useT();
  const pool = items.filter((item) => filters.showSuperseded || !item.superseded);
  const count = (predicate: (item: AnnexItem) => boolean) => pool.filter(predicate).length;
  const systemsOf = (item: AnnexItem) => item.data.systems ?? (item.data.system ? [item.data.system] : []);
  const systems = [...new Set(items.flatMap(systemsOf))].sort((a, b) => systemName(a).localeCompare(systemName(b)));
  const set = (patch: Partial<RegisterFilters>) => onChange({ ...filters, ...patch });
  const superseded = items.filter((item) => item.superseded).length;

  return (
    <form class="annex-filters" role="search" aria-label={t('register.filterLabel')} onSubmit={(event) => event.preventDefault()}>
      <label class="field annex-filter-search">
        <span class="field-label">{t('gaps.filter.search')}</span>
        <input type="search" name="search" placeholder={t('register.searchPlaceholder')} value={filters.search} onInput={(event) => set({ search: event.currentTarget.value })} />
      </label>
      <label class="field">
        <span class="field-label">{t('gaps.col.status')}</span>
        <select name="filter-status" value={filters.status} onChange={(event) => set({ status: event.currentTarget.value })}>
          <option value="">{t('register.anyStatus')}</option>
          {SECTION_STATUSES.register.map((status) => (
            <option key={status} value={status}>
              {t('register.optionCount', { name: label(status), count: count((item) => item.status === status) })}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t('gaps.col.category')}</span>
        <select name="filter-category" value={filters.category} onChange={(event) => set({ category: event.currentTarget.value })}>
          <option value="">{t('register.allCategories')}</option>
          {REGISTER_CATEGORIES.map((category) => (
            <option key={category.key} value={category.key}>
              {t('register.optionCount', { name: label(category.key), count: count((item) => item.data.category === category.key) })}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t('gaps.system')}</span>
        <select name="filter-system" value={filters.system} onChange={(event) => set({ system: event.currentTarget.value })}>
          <option value="">{t('register.allSystems')}</option>
          <option value={ORGANISATION_WIDE}>{t('register.optionCount', { name: t('register.organisationWide'), count: count((item) => systemsOf(item).length === 0) })}</option>
          {systems.map((system) => (
            <option key={system} value={system}>
              {t('register.optionCount', { name: systemName(system), count: count((item) => systemsOf(item).includes(system)) })}
            </option>
          ))}
        </select>
      </label>
      <div class="annex-filter-checks">
        <label class="annex-check">
          <input type="checkbox" name="filter-legal-review" checked={filters.legalReview} onChange={(event) => set({ legalReview: event.currentTarget.checked })} />
          {t('register.legalOnly')}
        </label>
        <label class="annex-check">
          <input type="checkbox" name="show-superseded" checked={filters.showSuperseded} onChange={(event) => set({ showSuperseded: event.currentTarget.checked })} />
          {superseded > 0 ? t('register.optionCount', { name: t('register.showSuperseded'), count: superseded }) : t('register.showSuperseded')}
        </label>
        {filtersActive(filters) && (
          <button type="button" class="button small annex-clear" onClick={() => onChange({ ...NO_FILTERS, showSuperseded: filters.showSuperseded })}>
            {t('register.clear')}
          </button>
        )}
      </div>
    </form>
  );
}

export function RegisterGroups({ items, filters, onClear, renderItem }: {
  items: AnnexItem[];
  filters: RegisterFilters;
  onClear: () => void;
  renderItem: (item: AnnexItem) => ComponentChildren;
}) {
  const t = useT();
  const inScope = items.filter((item) => filters.showSuperseded || !item.superseded);
  const shown = items.filter((item) => matchesFilters(item, filters));
  const hiddenSuperseded = filters.showSuperseded ? 0 : items.filter((item) => item.superseded).length;
  const known = new Set<string>(REGISTER_CATEGORIES.map((category) => category.key));
  const groups = [
    ...REGISTER_CATEGORIES.map((category) => ({ key: category.key, title: label(category.key), members: shown.filter((item) => item.data.category === category.key) })),
    { key: 'other', title: categoryTitle(null), members: shown.filter((item) => !known.has(item.data.category ?? '')) },
  ].filter((group) => group.members.length > 0);

  return (
    <>
      <p class="annex-count" role="status">
        {tx('register.count', { shown: shown.length, total: inScope.length, strong: (chunks) => <strong>{chunks}</strong> })}
        {hiddenSuperseded > 0 && <span class="muted"> · {t('register.hiddenSuperseded', { count: hiddenSuperseded })}</span>}
      </p>
      {shown.length === 0 ? (
        <Empty title={inScope.length === 0 ? t('register.empty') : t('register.noMatch')}>
          {inScope.length > 0 && (
            <button type="button" class="button" onClick={onClear}>
              {t('register.clear')}
            </button>
          )}
        </Empty>
      ) : (
        groups.map((group) => (
          <section key={group.key} class="annex-group" aria-labelledby={`annex-group-${group.key}`}>
            <h3 class="annex-group-title" id={`annex-group-${group.key}`}>
              {group.title}
              <span class="annex-count-badge">
                <span class="visually-hidden">: </span>
                {group.members.length}
                <span class="visually-hidden"> {t('annex.itemsWord', { count: group.members.length })}</span>

              </span>
            </h3>
            <div class="annex-items">{group.members.map((item) => renderItem(item))}</div>
          </section>
        ))
      )}
    </>
  );
}
