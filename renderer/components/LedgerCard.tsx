import type { Ledger } from '../../common/dto';
import { clockTime, formatHoursMinutes } from '../format';
import { TaskName } from './TaskName';

const KIND_TEXT: Record<Ledger['segments'][number]['kind'], string> = {
  tracked: 'Tracked',
  idle_pending: 'Idle, waiting for your decision',
  idle_kept: 'Idle, kept',
  idle_discarded: 'Idle, discarded',
  untracked: 'Untracked',
};

/**
 * The working day without gaps: every minute of the working hours is tracked, idle (kept, discarded or still
 * undecided) or untracked. A bar for the eye, a table with the same rows for everyone.
 */
export function LedgerCard({ ledger }: { readonly ledger: Ledger }): React.JSX.Element {
  const rows = ledger.segments;
  const totals = ledger.totals;
  const outside = ledger.totals.trackedOutsideSeconds;
  const hours =
    ledger.workingFrom === null || ledger.workingTo === null ? null : `${clockTime(ledger.workingFrom)}–${clockTime(ledger.workingTo)}`;
  const span = Math.max(
    1,
    rows.reduce((sum, row) => sum + row.seconds, 0),
  );
  return (
    <section className="card ledger" aria-labelledby="ledger-title">
      <h2 id="ledger-title">Working day</h2>
      {hours === null ? (
        <p className="subtle">No working hours on this day.{outside > 0 ? ` ${formatHoursMinutes(outside)} tracked anyway.` : ''}</p>
      ) : (
        <>
          <dl className="ledger-totals" aria-label="Working day totals">
            <div>
              <dt>Working hours</dt>
              <dd>{hours}</dd>
            </div>
            <div>
              <dt>Tracked</dt>
              <dd>{formatHoursMinutes(totals.trackedSeconds + totals.idleKeptSeconds)}</dd>
            </div>
            <div className="ledger-total-untracked">
              <dt>Untracked in working hours</dt>
              <dd>{formatHoursMinutes(totals.untrackedSeconds)}</dd>
            </div>
            {totals.idlePendingSeconds > 0 && (
              <div className="ledger-total-pending">
                <dt>Idle, undecided</dt>
                <dd>{formatHoursMinutes(totals.idlePendingSeconds)}</dd>
              </div>
            )}
            <div>
              <dt>Idle discarded</dt>
              <dd>{formatHoursMinutes(totals.idleDiscardedSeconds)}</dd>
            </div>
            <div>
              <dt>Outside working hours</dt>
              <dd>{formatHoursMinutes(outside)}</dd>
            </div>
          </dl>
          <div className="ledger-bar" aria-hidden="true">
            {rows.map((row) => (
              <span
                key={row.start}
                className={`ledger-piece kind-${row.kind}`}
                style={{ width: `${String((row.seconds / span) * 100)}%` }}
                title={`${clockTime(row.start)}–${clockTime(row.end)} ${KIND_TEXT[row.kind]}`}
              />
            ))}
          </div>
          <table className="ledger-table">
            <caption className="visually-hidden">The working day, stretch by stretch</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">What</th>
                <th scope="col" className="numeric">
                  Duration
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.start} className={`kind-${row.kind}`}>
                  <td className="ledger-time">
                    {clockTime(row.start)}–{clockTime(row.end)}
                  </td>
                  <td>
                    <span className={`ledger-kind kind-${row.kind}`}>
                      <span className="ledger-swatch" aria-hidden="true" />
                      {KIND_TEXT[row.kind]}
                    </span>
                    {row.taskRef !== null && <TaskName taskRef={row.taskRef} />}
                  </td>
                  <td className="numeric">{formatHoursMinutes(row.seconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
