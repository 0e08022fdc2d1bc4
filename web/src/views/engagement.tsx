// One engagement: its header, the tabs, and the context every tab reads (the engagement, the
// caller's role, and how to reload or replace it after a save).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, type Engagement } from '../api.ts';
import { Chip, ErrorNotice, Loading, formatDateTime, useAsync } from '../components/common.tsx';
import { OverviewView } from './overview.tsx';
import { IntakeView } from './intake.tsx';
import { AnnexView } from './annex.tsx';
import { GapsView } from './gaps.tsx';
import { TimelineView } from './timeline.tsx';
import { MembersView } from './members.tsx';
import { HistoryView } from './history.tsx';
import { ArchiveButton, ArchivedBanner } from './engagement-life.tsx';

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
  { id: 'overview', title: 'Overview', view: OverviewView },
  { id: 'intake', title: 'Intake', view: IntakeView },
  { id: 'annex', title: 'Annex', view: AnnexView },
  { id: 'gaps', title: 'MLPS gaps', view: GapsView },
  { id: 'timeline', title: 'Timeline', view: TimelineView },
  { id: 'members', title: 'Members', view: MembersView },
  { id: 'history', title: 'History', view: HistoryView },
] as const;

export function EngagementPage() {
  const { params } = useRoute();
  const id = params.id!;
  const tabId = params.tab ?? 'overview';
  const state = useAsync(() => api.engagement(id), [id]);

  if (state.error && !state.data) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading what="the engagement" />;
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
          <p class="crumbs"><a href="/">Engagements</a> /</p>
          <h1>{engagement.name}</h1>
          <p class="muted">
            Profile version {engagement.profileVersion} · assessed as of {engagement.assessment.asOf} · updated {formatDateTime(engagement.updatedAt)}
          </p>
        </div>
        <div class="engagement-role">
          <Chip value={engagement.role} tone={engagement.role === 'viewer' ? 'info' : 'neutral'} text={`You are ${engagement.role === 'owner' ? 'an owner' : engagement.role === 'editor' ? 'an editor' : 'a viewer'}`} />
          {engagement.role === 'viewer' && <p class="hint">Viewers see everything and change nothing.</p>}
          {isOwner && !isArchived && <ArchiveButton engagement={engagement} onArchived={state.set} />}
        </div>
      </div>
      {isArchived && <ArchivedBanner engagement={engagement} isOwner={isOwner} onRestored={state.set} />}
      <nav class="tabs" aria-label="Engagement">
        {TABS.map((candidate) => (
          <a key={candidate.id} href={`/e/${id}/${candidate.id}`} aria-current={candidate.id === tab.id ? 'page' : undefined}>
            {candidate.title}
          </a>
        ))}
      </nav>
      <section class="tab-body" aria-label={tab.title}>
        <View key={`${tab.id}-${engagement.id}`} />
      </section>
    </EngagementContext.Provider>
  );
}
