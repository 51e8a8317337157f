import type { DayReport, IdleSpanDto, ScreenshotDto } from '../../common/dto';
import { clockTime, formatHoursMinutes, minutesIntoDay } from '../format';
import { taskHue, taskLabel } from '../task-label';
import { useTasks } from '../stores/tasks-store';

const DAY_MINUTES = 24 * 60;

/** The hours the timeline spans: 08:00–18:00 at least, widened to whole hours around everything that happened. */
export function timelineBounds(
  day: string,
  report: DayReport | null,
  idle: readonly IdleSpanDto[],
  shots: readonly ScreenshotDto[],
): { from: number; to: number } {
  const minutes: number[] = [];
  for (const entry of report?.entries ?? []) {
    minutes.push(minutesIntoDay(entry.startedAt, day));
    if (entry.endedAt !== null) minutes.push(minutesIntoDay(entry.endedAt, day));
  }
  for (const slot of report?.activity.slots ?? []) if (slot.activeSeconds > 0) minutes.push(minutesIntoDay(slot.start, day) + 10);
  for (const span of idle) minutes.push(minutesIntoDay(span.startedAt, day), minutesIntoDay(span.endedAt, day));
  for (const shot of shots) minutes.push(minutesIntoDay(shot.capturedAt, day));
  const known = minutes.filter((m) => Number.isFinite(m));
  const first = Math.min(8 * 60, ...known);
  const last = Math.max(18 * 60, ...known);
  return { from: Math.max(0, Math.floor(first / 60) * 60), to: Math.min(DAY_MINUTES, Math.ceil(last / 60) * 60) };
}

interface Props {
  readonly day: string;
  readonly report: DayReport | null;
  readonly idle: readonly IdleSpanDto[];
  readonly screenshots: readonly ScreenshotDto[];
  /** Now, in minutes into the day (null when the day is not today). */
  readonly nowMinute: number | null;
  readonly onOpenScreenshot: (shot: ScreenshotDto) => void;
}

const IDLE_STATE_TEXT: Record<IdleSpanDto['state'], string> = {
  pending: 'waiting for your decision',
  kept: 'kept',
  discarded: 'discarded',
  reassigned: 'reassigned',
  untracked: 'not tracked',
};

/** The day as lanes on one time axis: entries, activity per 10 minutes, idle spans, screenshots. */
export function Timeline({ day, report, idle, screenshots, nowMinute, onOpenScreenshot }: Props): React.JSX.Element {
  const titles = useTasks((state) => state.titles);
  const { from, to } = timelineBounds(day, report, idle, screenshots);
  const span = to - from;
  const left = (minute: number): string => `${String(((Math.max(from, Math.min(to, minute)) - from) / span) * 100)}%`;
  const width = (start: number, end: number): string => {
    const a = Math.max(from, Math.min(to, start));
    const b = Math.max(from, Math.min(to, end));
    return `${String(Math.max(0.25, ((b - a) / span) * 100))}%`;
  };
  const hours: number[] = [];
  for (let m = from; m <= to; m += 60) hours.push(m);
  const end = (iso: string | null): number =>
    iso === null ? (nowMinute ?? minutesIntoDay(new Date().toISOString(), day)) : minutesIntoDay(iso, day);

  return (
    <section className="timeline" aria-label="Timeline of the day">
      <div className="timeline-axis" aria-hidden="true">
        {hours.map((m) => (
          <span key={m} className="timeline-hour" style={{ left: left(m) }}>
            {String(Math.floor(m / 60)).padStart(2, '0')}:00
          </span>
        ))}
      </div>
      <div className="timeline-lanes">
        {hours.map((m) => (
          <span key={m} className="timeline-grid" style={{ left: left(m) }} aria-hidden="true" />
        ))}
        {nowMinute !== null && nowMinute >= from && nowMinute <= to && (
          <span className="timeline-now" style={{ left: left(nowMinute) }} aria-hidden="true" />
        )}
        <div className="lane" role="list" aria-label="Entries">
          <span className="lane-label" aria-hidden="true">
            Time
          </span>
          {(report?.entries ?? []).map((entry) => {
            const start = minutesIntoDay(entry.startedAt, day);
            const label = taskLabel(entry.taskRef, titles);
            const text = `${label.title}, ${clockTime(entry.startedAt)}–${entry.endedAt === null ? 'now' : clockTime(entry.endedAt)}, ${formatHoursMinutes(entry.durationSeconds)}`;
            return (
              <span
                key={entry.id}
                role="listitem"
                className={entry.running ? 'block entry running' : 'block entry'}
                style={{ left: left(start), width: width(start, end(entry.endedAt)), ['--hue' as string]: String(taskHue(entry.taskRef)) }}
                title={text}
                aria-label={text}
              >
                <span className="block-text">{label.title}</span>
              </span>
            );
          })}
        </div>
        <div className="lane activity" aria-label="Activity per 10 minutes" role="img">
          <span className="lane-label" aria-hidden="true">
            Activity
          </span>
          {(report?.activity.slots ?? []).map((slot) => {
            const start = minutesIntoDay(slot.start, day);
            if (slot.activeSeconds === 0 || start < from || start >= to) return null;
            return (
              <span
                key={slot.start}
                className="bar"
                title={`${clockTime(slot.start)}: ${String(Math.round(slot.percent))}% active`}
                style={{
                  left: left(start),
                  width: width(start, start + 10),
                  height: `${String(Math.max(6, Math.min(100, slot.percent)))}%`,
                }}
              />
            );
          })}
        </div>
        <div className="lane" role="list" aria-label="Idle time">
          <span className="lane-label" aria-hidden="true">
            Idle
          </span>
          {idle.map((spanItem) => {
            const start = minutesIntoDay(spanItem.startedAt, day);
            const text = `Idle ${clockTime(spanItem.startedAt)}–${clockTime(spanItem.endedAt)}, ${formatHoursMinutes(spanItem.durationSeconds)}, ${IDLE_STATE_TEXT[spanItem.state]}`;
            return (
              <span
                key={spanItem.id}
                role="listitem"
                className={`block idle idle-${spanItem.state}`}
                style={{ left: left(start), width: width(start, minutesIntoDay(spanItem.endedAt, day)) }}
                title={text}
                aria-label={text}
              />
            );
          })}
        </div>
        <div className="lane shots" role="list" aria-label="Screenshots">
          <span className="lane-label" aria-hidden="true">
            Screens
          </span>
          {screenshots.map((shot) => (
            <span key={shot.id} role="listitem" className="shot-mark-item" style={{ left: left(minutesIntoDay(shot.capturedAt, day)) }}>
              <button
                type="button"
                className={shot.state === 'tampered' ? 'shot-mark tampered' : 'shot-mark'}
                aria-label={`Screenshot at ${clockTime(shot.capturedAt)}${shot.blurred ? ' (blurred)' : ''}`}
                onClick={() => {
                  onOpenScreenshot(shot);
                }}
              />
            </span>
          ))}
        </div>
      </div>
    </section>
  );
}
