import type { StandupDto } from '../common/dto';
import { clockTime, formatHoursMinutes } from './format';

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

/** The composed lines of a section, as the standup would say them without the person's words. */
export function composedYesterday(standup: StandupDto): string {
  return standup.yesterday.map((item) => `${item.title ?? item.taskRef} (${formatHoursMinutes(item.minutes * 60)})`).join('\n');
}

export function composedToday(standup: StandupDto): string {
  return standup.today.map((item) => `${item.title ?? item.taskRef}${item.running ? ' (timer running)' : ''}`).join('\n');
}
