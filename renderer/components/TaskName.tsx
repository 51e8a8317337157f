import { useTasks } from '../stores/tasks-store';
import { taskLabel } from '../task-label';

/** A task as text: title and key/provider badge. Never HTML. */
export function TaskName({ taskRef }: { readonly taskRef: string }): React.JSX.Element {
  const titles = useTasks((state) => state.titles);
  const label = taskLabel(taskRef, titles);
  return (
    <span className="task-name">
      <span className={`task-badge provider-${label.provider}`}>{label.badge}</span>
      <span className="task-title">{label.title}</span>
    </span>
  );
}
