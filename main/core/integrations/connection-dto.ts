import type { ConnectionDto } from '../../../common/dto';
import { formatLocalIso } from '../../../common/local-time';
import type { ConnectionRecord } from '../ports/connections';

/** What faces see of a connection: never a token (there is none in the record to begin with). */
export function toConnectionDto(record: ConnectionRecord): ConnectionDto {
  return {
    id: record.id,
    provider: record.provider,
    auth: record.auth,
    site: record.site,
    account: record.accountName ?? record.login,
    accountId: record.accountId,
    state: record.state,
    stateReason: record.stateReason,
    checkedAt: formatLocalIso(record.checkedAt),
  };
}
