import { formatHoursMinutes } from '../format';

export interface GroupTotal {
  readonly label: string;
  readonly seconds: number;
}

/** Totals of one grouping (by project, by provider) as labelled bars with their values in text. */
export function GroupCard({
  id,
  title,
  groups,
}: {
  readonly id: string;
  readonly title: string;
  readonly groups: readonly GroupTotal[];
}): React.JSX.Element {
  const max = Math.max(1, ...groups.map((g) => g.seconds));
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul className="totals" aria-labelledby={id}>
        {groups.map((group) => (
          <li key={group.label}>
            <span className="task-title">{group.label}</span>
            <span className="total-bar" aria-hidden="true">
              <span style={{ width: `${String((group.seconds / max) * 100)}%` }} />
            </span>
            <span className="total-value">{formatHoursMinutes(group.seconds)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
