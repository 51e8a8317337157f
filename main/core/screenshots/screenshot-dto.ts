import type { ScreenshotDto } from '../../../common/dto';
import { formatLocalIso } from '../../../common/local-time';
import type { ScreenshotRecord } from '../ports/screenshots';

export function toScreenshotDto(record: ScreenshotRecord): ScreenshotDto {
  return {
    id: record.id,
    capturedAt: formatLocalIso(record.capturedAt),
    day: record.day,
    display: record.display,
    width: record.width,
    height: record.height,
    blurred: record.blurred,
    bytes: record.bytes,
    entryId: record.entryId,
    taskRef: record.taskRef,
    state: record.state,
  };
}
