// One engagement: its header, the tabs, and the context every tab reads (the engagement, the
// caller's role, and how to reload or replace it after a save).
import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, type Engagement } from '../api.ts';
import { Chip, ErrorNotice, Loading, formatDateTime, useAsync } from '../components/common.tsx';
import { OverviewView } from './overview.tsx';
import { IntakeView } from './intake.tsx';
import { AnnexView } from './annex.tsx';
import { GapsView } from './gaps.tsx';
import { TimelineView } from './timeline.tsx';
import { CalendarView } from './calendar.tsx';
import { FilingsView } from './filings.tsx';
import { MembersView } from './members.tsx';
import { HistoryView } from './history.tsx';
import { IncidentsView } from './incidents.tsx';
import { ArchiveButton, ArchivedBanner } from './engagement-life.tsx';
import { useT } from '../i18n/i18n.ts';

export interface EngagementContextValue {
  engagement: Engagement;
  /** Editors and owners change things while the engagement is active; viewers read everything and change nothing. */
  canEdit: boolean;
  /** Archived engagements are read-only for everyone until an owner restores them. */
  isArchived: boolean;
  isOwner: boolean;
  reload: () => void;
  /** Use the engagement a write returned (saves a round trip). */
  replace: (engagement: Engagement) => void;
}

const EngagementContext = createContext<EngagementContextValue | null>(null);
export function useEngagement(): EngagementContextValue {
  const value = useContext(EngagementContext);
  if (!value) throw new Error('useEngagement outside an engagement');
  return value;
}

export const TABS = [
  { id: 'overview', title: 'tab.overview', view: OverviewView },
  { id: 'intake', title: 'tab.intake', view: IntakeView },
  { id: 'annex', title: 'tab.annex', view: AnnexView },
  { id: 'gaps', title: 'tab.gaps', view: GapsView },
  { id: 'timeline', title: 'tab.timeline', view: TimelineView },
  { id: 'calendar', title: 'tab.calendar', view: CalendarView },
  { id: 'filings', title: 'tab.filings', view: FilingsView },
  { id: 'incidents', title: 'tab.incidents', view: IncidentsView },
  { id: 'members', title: 'tab.members', view: MembersView },
  { id: 'history', title: 'tab.history', view: HistoryView },
] as const;

export function EngagementPage() {
  const t = useT();
  const { params } = useRoute();
  const id = params.id!;
  const tabId = params.tab ?? 'overview';
  const state = useAsync(() => api.engagement(id), [id]);

  if (state.error && !state.data) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading what={t('shell.loading.engagement')} />;
  const engagement = state.data;
  const tab = TABS.find((candidate) => candidate.id === tabId) ?? TABS[0];
  const View = tab.view;
  const isArchived = engagement.archivedAt != null;
  const isOwner = engagement.role === 'owner';
  const value: EngagementContextValue = { engagement, canEdit: engagement.role !== 'viewer' && !isArchived, isArchived, isOwner, reload: state.reload, replace: state.set };

  return (
    <EngagementContext.Provider value={value}>
      <div class="engagement-head">
        <div>
          <p class="crumbs"><a href="/">{t('shell.nav.engagements')}</a> /</p>
          <h1>{engagement.name}</h1>
          <p class="muted">
            {t('engagement.meta', { version: engagement.profileVersion, asOf: engagement.assessment.asOf, updated: formatDateTime(engagement.updatedAt) })}
          </p>
        </div>
        <div class="engagement-role">
          <Chip value={engagement.role} tone={engagement.role === 'viewer' ? 'info' : 'neutral'} text={t('engagement.youAre', { role: engagement.role })} />
          {engagement.role === 'viewer' && <p class="hint">{t('engagement.viewerHint')}</p>}
          {isOwner && !isArchived && <ArchiveButton engagement={engagement} onArchived={state.set} />}
        </div>
      </div>
      {isArchived && <ArchivedBanner engagement={engagement} isOwner={isOwner} onRestored={state.set} />}
      <TabBar id={id} current={tab.id} />
      <section class="tab-body" aria-label={t(tab.title)}>
        <View key={`${tab.id}-${engagement.id}`} />
      </section>
    </EngagementContext.Provider>
  );
}

/**
 * The tabs, scrolling sideways when the screen is narrower than they are: the side with more
 * tabs fades out under an arrow that scrolls to them, and the current tab is scrolled into view.
 */
function TabBar({ id, current }: { id: string; current: string }) {
  const t = useT();
  const bar = useRef<HTMLElement>(null);
  const [more, setMore] = useState<{ start: boolean; end: boolean }>({ start: false, end: false });
  useEffect(() => {
    const element = bar.current;
    if (!element) return;
    const measure = () => {
      const start = element.scrollLeft > 2;
      const end = element.scrollLeft + element.clientWidth < element.scrollWidth - 2;
      setMore((previous) => (previous.start === start && previous.end === end ? previous : { start, end }));
    };
    element.querySelector<HTMLElement>('[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'center' });
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    return () => {
      element.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
    };
  }, [current]);
  const scroll = (direction: 1 | -1) => bar.current?.scrollBy({ left: direction * bar.current.clientWidth * 0.7, behavior: 'smooth' });
  return (
    <div class="tabs-frame" data-more={[more.start ? 'start' : '', more.end ? 'end' : ''].filter(Boolean).join(' ') || undefined}>
      <nav class="tabs" aria-label={t('engagement.tabsLabel')} ref={bar}>
        {TABS.map((candidate) => (
          <a key={candidate.id} href={`/e/${id}/${candidate.id}`} aria-current={candidate.id === current ? 'page' : undefined}>
            {t(candidate.title)}

          </a>
        ))}
      </nav>
      {/* Mouse and touch help only: the tabs themselves stay in the keyboard order. */}
      {more.start && <button type="button" class="tabs-more tabs-more-start" tabIndex={-1} aria-hidden="true" onClick={() => scroll(-1)}>‹</button>}
      {more.end && <button type="button" class="tabs-more tabs-more-end" tabIndex={-1} aria-hidden="true" data-testid="tabs-more" onClick={() => scroll(1)}>›</button>}
    </div>
  );
}
