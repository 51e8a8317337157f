import { useId, useMemo, useState } from 'react';
import { useTasks, type AssignedTask } from '../stores/tasks-store';
import { taskLabel, taskRefFromText } from '../task-label';

interface Option {
  readonly taskRef: string;
  readonly title: string;
  readonly detail: string;
  readonly group: 'Assigned to you' | 'Recent' | 'New';
}

const MAX_OPTIONS = 12;

function matches(task: AssignedTask, needle: string): boolean {
  return [task.taskRef, task.title, task.project ?? ''].some((text) => text.toLowerCase().includes(needle));
}

/** The options for what was typed: assigned tasks that match, recent tasks that match, then the text itself. */
export function pickerOptions(
  text: string,
  assigned: readonly AssignedTask[],
  recent: readonly string[],
  titles: ReadonlyMap<string, string>,
): Option[] {
  const needle = text.trim().toLowerCase();
  const options: Option[] = [];
  const seen = new Set<string>();
  for (const task of assigned) {
    if (needle !== '' && !matches(task, needle)) continue;
    seen.add(task.taskRef);
    const label = taskLabel(task.taskRef, titles);
    options.push({
      taskRef: task.taskRef,
      title: task.title,
      detail: [label.badge, task.project, task.status].filter(Boolean).join(' · '),
      group: 'Assigned to you',
    });
  }
  for (const ref of recent) {
    if (seen.has(ref)) continue;
    const label = taskLabel(ref, titles);
    if (needle !== '' && !`${ref} ${label.title}`.toLowerCase().includes(needle)) continue;
    seen.add(ref);
    options.push({ taskRef: ref, title: label.title, detail: label.badge, group: 'Recent' });
  }
  const shown = options.slice(0, MAX_OPTIONS);
  if (needle !== '') {
    const ref = taskRefFromText(text);
    if (ref !== null && !seen.has(ref))
      shown.push({ taskRef: ref, title: text.trim(), detail: ref.startsWith('local:') ? 'New local task' : ref, group: 'New' });
  }
  return shown;
}

/** A combobox over assigned Jira/Asana tasks, recent tasks and free text. Arrow keys move, Enter picks. */
export function TaskPicker({
  label,
  onPick,
  placeholder = 'What are you working on?',
  autoFocus = false,
}: {
  readonly label: string;
  readonly onPick: (taskRef: string) => void;
  readonly placeholder?: string;
  readonly autoFocus?: boolean;
}): React.JSX.Element {
  const { assigned, recent, titles } = useTasks();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const id = useId();
  const options = useMemo(() => pickerOptions(text, assigned, recent, titles), [text, assigned, recent, titles]);
  const pick = (option: Option | undefined): void => {
    if (option === undefined) return;
    onPick(option.taskRef);
    setText('');
    setOpen(false);
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>): void => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        setActive((i) => Math.min(options.length - 1, i + 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((i) => Math.max(0, i - 1));
        break;
      case 'Enter':
        if (open) {
          event.preventDefault();
          pick(options[active]);
        }
        break;
      case 'Escape':
        setOpen(false);
        break;
      default:
        break;
    }
  };
  const listId = `${id}-list`;
  return (
    <div className="picker">
      <label className="visually-hidden" htmlFor={`${id}-input`}>
        {label}
      </label>
      <input
        id={`${id}-input`}
        className="picker-input"
        role="combobox"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] !== undefined ? `${id}-opt-${String(active)}` : undefined}
        autoComplete="off"
        autoFocus={autoFocus}
        placeholder={placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => {
          setOpen(true);
        }}
        onBlur={() => {
          setOpen(false);
        }}
        onKeyDown={onKeyDown}
      />
      {open && options.length > 0 && (
        <ul className="picker-list" role="listbox" id={listId} aria-label={label}>
          {options.map((option, index) => (
            <li
              key={`${option.group}-${option.taskRef}`}
              id={`${id}-opt-${String(index)}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'picker-option active' : 'picker-option'}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(option);
              }}
              onMouseEnter={() => {
                setActive(index);
              }}
            >
              <span className="picker-title">{option.title}</span>
              <span className="picker-detail">
                {option.group === 'New' ? '' : `${option.group} · `}
                {option.detail}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
