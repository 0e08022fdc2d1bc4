// The requirements register: filters (status, category, system, legal review, free text, show
// superseded), "n of m items", and the matching items grouped by category with a count per group.
import type { ComponentChildren } from 'preact';
import type { AnnexItem } from '../../api.ts';
import { Empty } from '../../components/common.tsx';
import { label } from '../../labels.ts';
import { SECTION_STATUSES, NO_FILTERS, ORGANISATION_WIDE, REGISTER_CATEGORIES, categoryTitle, filtersActive, matchesFilters, type RegisterFilters } from './annex-model.ts';

export function RegisterFilterBar({ items, filters, onChange, systemName }: {
  /** Every register item, superseded ones included. */
  items: AnnexItem[];
  filters: RegisterFilters;
  onChange: (filters: RegisterFilters) => void;
  systemName: (id: string) => string;
}) {
  const pool = items.filter((item) => filters.showSuperseded || !item.superseded);
  const count = (predicate: (item: AnnexItem) => boolean) => pool.filter(predicate).length;
  const systemsOf = (item: AnnexItem) => item.data.systems ?? (item.data.system ? [item.data.system] : []);
  const systems = [...new Set(items.flatMap(systemsOf))].sort((a, b) => systemName(a).localeCompare(systemName(b)));
  const set = (patch: Partial<RegisterFilters>) => onChange({ ...filters, ...patch });
  const superseded = items.filter((item) => item.superseded).length;

  return (
    <form class="annex-filters" role="search" aria-label="Filter the register" onSubmit={(event) => event.preventDefault()}>
      <label class="field annex-filter-search">
        <span class="field-label">Search</span>
        <input type="search" name="search" placeholder="Title or statement" value={filters.search} onInput={(event) => set({ search: event.currentTarget.value })} />
      </label>
      <label class="field">
        <span class="field-label">Status</span>
        <select name="filter-status" value={filters.status} onChange={(event) => set({ status: event.currentTarget.value })}>
          <option value="">Any status</option>
          {SECTION_STATUSES.register.map((status) => (
            <option key={status} value={status}>
              {label(status)} ({count((item) => item.status === status)})
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field-label">Category</span>
        <select name="filter-category" value={filters.category} onChange={(event) => set({ category: event.currentTarget.value })}>
          <option value="">All categories</option>
          {REGISTER_CATEGORIES.map((category) => (
            <option key={category.key} value={category.key}>
              {category.title} ({count((item) => item.data.category === category.key)})
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field-label">System</span>
        <select name="filter-system" value={filters.system} onChange={(event) => set({ system: event.currentTarget.value })}>
          <option value="">All systems</option>
          <option value={ORGANISATION_WIDE}>Organisation-wide ({count((item) => systemsOf(item).length === 0)})</option>
          {systems.map((system) => (
            <option key={system} value={system}>
              {systemName(system)} ({count((item) => systemsOf(item).includes(system))})
            </option>
          ))}
        </select>
      </label>
      <div class="annex-filter-checks">
        <label class="annex-check">
          <input type="checkbox" name="filter-legal-review" checked={filters.legalReview} onChange={(event) => set({ legalReview: event.currentTarget.checked })} />
          Needs legal review only
        </label>
        <label class="annex-check">
          <input type="checkbox" name="show-superseded" checked={filters.showSuperseded} onChange={(event) => set({ showSuperseded: event.currentTarget.checked })} />
          Show superseded{superseded > 0 ? ` (${superseded})` : ''}
        </label>
        {filtersActive(filters) && (
          <button type="button" class="button small annex-clear" onClick={() => onChange({ ...NO_FILTERS, showSuperseded: filters.showSuperseded })}>
            Clear filters
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
  const inScope = items.filter((item) => filters.showSuperseded || !item.superseded);
  const shown = items.filter((item) => matchesFilters(item, filters));
  const hiddenSuperseded = filters.showSuperseded ? 0 : items.filter((item) => item.superseded).length;
  const known = new Set<string>(REGISTER_CATEGORIES.map((category) => category.key));
  const groups = [
    ...REGISTER_CATEGORIES.map((category) => ({ key: category.key, title: category.title, members: shown.filter((item) => item.data.category === category.key) })),
    { key: 'other', title: categoryTitle(null), members: shown.filter((item) => !known.has(item.data.category ?? '')) },
  ].filter((group) => group.members.length > 0);

  return (
    <>
      <p class="annex-count" role="status">
        Showing <strong>{shown.length}</strong> of {inScope.length} register items
        {hiddenSuperseded > 0 && <span class="muted"> · {hiddenSuperseded} superseded hidden</span>}
      </p>
      {shown.length === 0 ? (
        <Empty title={inScope.length === 0 ? 'The register is empty' : 'No register items match these filters'}>
          {inScope.length > 0 && (
            <button type="button" class="button" onClick={onClear}>
              Clear filters
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
                <span class="visually-hidden"> {group.members.length === 1 ? 'item' : 'items'}</span>
              </span>
            </h3>
            <div class="annex-items">{group.members.map((item) => renderItem(item))}</div>
          </section>
        ))
      )}
    </>
  );
}
