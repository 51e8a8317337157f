import { exportProgressSchema } from '../../common/dto';
import { callAgent } from '../adapters/node/control-client';

const POLL_MS = 500;

/**
 * Shows how far the agent's export is, on one rewritten line of a terminal's stderr, by asking the agent for
 * `data.exportProgress` on its own connection. Returns the function that stops it and clears the line.
 * Only for a TTY: a pipe or --json output never sees it.
 */
export function watchExportProgress(socketPath: string, terminal: NodeJS.WriteStream): () => void {
  let busy = false;
  let shown = false;
  const poll = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const answer = await callAgent(socketPath, 'data.exportProgress', {}, 2_000);
      const parsed = answer.ok ? exportProgressSchema.safeParse(answer.value) : null;
      if (parsed?.success === true && parsed.data.running && parsed.data.total > 0) {
        const { phase, done, total } = parsed.data;
        const percent = Math.min(100, Math.floor((100 * done) / total));
        terminal.write(
          `\r\u001b[KExporting ${phase ?? ''}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${String(percent)}%)`,
        );
        shown = true;
      }
    } catch {
      // Progress is a courtesy: the export's own answer says whether it worked.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void poll(), POLL_MS);
  return () => {
    clearInterval(timer);
    if (shown) terminal.write('\r\u001b[K');
  };
}
