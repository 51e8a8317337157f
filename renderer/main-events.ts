import { ipcEvents } from '../common/ipc-events';
import type { DataArea, WindowView } from '../common/ipc-event-names';
import { useEntries } from './stores/entries-store';
import { useNav, type ViewName } from './stores/nav-store';
import { useScreenshots } from './stores/screenshots-store';
import { useSettings } from './stores/settings-store';
import { useStatus } from './stores/status-store';

/** The window's view for each view the app may ask for (the idle dialog opens by itself over any view). */
const VIEW_OF: Record<WindowView, ViewName> = {
  today: 'today',
  idle: 'today',
  screenshots: 'screenshots',
  sync: 'entries',
  connections: 'integrations',
  settings: 'settings',
  standup: 'standup',
};

function reread(area: DataArea): Promise<void> {
  const { day } = useNav.getState();
  switch (area) {
    case 'timer':
    case 'idle':
      return useStatus.getState().refresh();
    case 'entries':
    case 'sync':
      return useEntries.getState().load(day);
    case 'screenshots':
      return useScreenshots.getState().load(day);
    case 'settings':
      return useSettings.getState().load();
  }
}

/**
 * Listens to what the app tells the window (a tray item or a notification button asks for a view; something changed
 * outside the window). Every payload is checked against the contract; anything else is ignored. Returns the
 * unsubscribe function (the development harness's bridge never sends events; a page without a bridge gets a no-op).
 */
export function listenToMain(): () => void {
  const bridge = window.clockhand;
  if (bridge === undefined) return () => undefined;
  const offNavigate = bridge.on('window.navigate', (payload) => {
    const parsed = ipcEvents['window.navigate'].safeParse(payload);
    if (!parsed.success) return;
    const { view, id } = parsed.data;
    if (view === 'screenshots' && id !== null) useNav.getState().openShot(id);
    else useNav.getState().go(VIEW_OF[view]);
  });
  const offChanged = bridge.on('data.changed', (payload) => {
    const parsed = ipcEvents['data.changed'].safeParse(payload);
    if (!parsed.success) return;
    for (const area of new Set(parsed.data.areas)) void reread(area);
  });
  return () => {
    offNavigate();
    offChanged();
  };
}
