/** The core's sentences as a checklist, as text (never HTML): "yes" for what is collected, "no" for what never is. */
export function SentenceList({
  label,
  lines,
  tone,
}: {
  readonly label: string;
  readonly lines: readonly string[];
  readonly tone: 'yes' | 'no';
}): React.JSX.Element {
  return (
    <ul className={`checklist ${tone}`} aria-label={label}>
      {lines.map((line, index) => (
        <li key={`${String(index)}:${line}`}>{line}</li>
      ))}
    </ul>
  );
}
