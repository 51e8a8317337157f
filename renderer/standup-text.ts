import type { StandupDto } from '../common/dto';
import { clockTime, formatHoursMinutes } from './format';
import { taskLabel } from './task-label';

export const STANDUP_STATE_LABEL: Record<StandupDto['state'], string> = {
  draft: 'Draft',
  pending: 'Queued',
  in_flight: 'Posting…',
  posted: 'Posted',
  needs_attention: 'Needs attention',
  needs_reauth: 'Needs sign-in',
};

/** What happened to a standup, as a sentence. */
export function standupStateSentence(standup: StandupDto): string {
  switch (standup.state) {
    case 'draft':
      return 'Draft (not posted).';
    case 'pending':
      return 'Queued: it goes out in a moment.';
    case 'in_flight':
      return 'Posting…';
    case 'posted': {
      const at = standup.postedAt === null ? '' : ` at ${clockTime(standup.postedAt)}`;
      const behind = standup.revision > standup.postedRevision ? ' Your latest edit is on its way.' : '';
      return `Posted${at}${standup.destination === null ? '' : ` to ${standup.destination}`}.${behind}`;
    }
    case 'needs_attention':
      return 'Not posted: the service refused it (see below).';
    case 'needs_reauth':
      return 'Not posted: sign in to the service again in Integrations.';
  }
}

/** A standup item as the window names it: "PROJ-1 Checkout page loads slowly", "Planning" (a local task). */
function itemText(taskRef: string, title: string | null): string {
  const label = taskLabel(taskRef, new Map());
  const key = label.provider === 'jira' ? label.badge : null;
  const name = title ?? (key === null ? label.title : null);
  return [key, name].filter((part) => part !== null).join(' ');
}

/** The composed lines of a section, as the standup would say them without the person's words. */
export function composedYesterday(standup: StandupDto): string {
  return standup.yesterday.map((item) => `${itemText(item.taskRef, item.title)} (${formatHoursMinutes(item.minutes * 60)})`).join('\n');
}

export function composedToday(standup: StandupDto): string {
  return standup.today.map((item) => `${itemText(item.taskRef, item.title)}${item.running ? ' (timer running)' : ''}`).join('\n');
}
