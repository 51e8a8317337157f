import { powerMonitor } from 'electron';
import type { PowerEvent, PowerEvents } from '../../core/ports/power-events';

/** Suspend/resume and lock/unlock from Electron's powerMonitor (available after app 'ready'). */
export const electronPowerEvents: PowerEvents = {
  subscribe: (listener) => {
    const on = (event: PowerEvent) => (): void => {
      listener(event);
    };
    const suspend = on('suspend');
    const resume = on('resume');
    const lock = on('lock');
    const unlock = on('unlock');
    powerMonitor.on('suspend', suspend);
    powerMonitor.on('resume', resume);
    powerMonitor.on('lock-screen', lock);
    powerMonitor.on('unlock-screen', unlock);
    return () => {
      powerMonitor.removeListener('suspend', suspend);
      powerMonitor.removeListener('resume', resume);
      powerMonitor.removeListener('lock-screen', lock);
      powerMonitor.removeListener('unlock-screen', unlock);
    };
  },
};
