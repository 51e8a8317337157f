import type { StandupDestinationDto, StandupDto } from '../../../common/dto';
import { formatLocalIso } from '../../../common/local-time';
import type { StandupRecord, StandupTarget } from '../ports/standups';
import type { StandupReadiness } from './standup-readiness';
import { plainText, standupSections } from './standup-render';

function describeTarget(target: StandupTarget | null): string | null {
  if (target === null) return null;
  switch (target.kind) {
    case 'slack':
      return `slack ${target.channel}`;
    case 'teams-graph':
      return `teams ${target.teamId} ${target.channelId}`;
    case 'teams-webhook':
      return 'teams webhook';
  }
}

export function toStandupDto(record: StandupRecord): StandupDto {
  return {
    id: record.id,
    day: record.day,
    state: record.state,
    destination: describeTarget(record.target),
    connectionId: record.connectionId,
    workedDay: record.content.workedDay,
    yesterday: [...record.content.yesterday],
    today: [...record.content.today],
    edits: { ...record.edits },
    text: plainText(standupSections(record.day, record.content, record.edits)),
    revision: record.revision,
    postedRevision: record.postedRevision,
    attempts: record.attempts,
    lastError: record.lastError,
    remoteId: record.remoteId,
    offeredAt: record.offeredAt === null ? null : formatLocalIso(record.offeredAt),
    postedAt: record.postedAt === null ? null : formatLocalIso(record.postedAt),
    updatedAt: formatLocalIso(record.updatedAt),
  };
}

export function toStandupDestinationDto(readiness: StandupReadiness): StandupDestinationDto {
  return {
    provider: readiness.provider,
    where: readiness.where,
    managed: readiness.managed,
    problem: readiness.problem === null ? null : { ...readiness.problem },
  };
}
