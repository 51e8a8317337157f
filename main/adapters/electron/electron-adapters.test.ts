// The Electron adapters cannot run here (no Electron binary): these tests run them against a stand-in for the
// `electron` module and check what they ask of Electron: window hardening, navigation and permission refusals,
// the idle-time rule, power event mapping and the utility-process child handle.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivitySink, InputDevice } from '../../core/ports/activity-source';
import type { PowerEvent } from '../../core/ports/power-events';
import { electronPowerEvents } from './electron-power-events';
import { PowerMonitorIdleSource } from './power-monitor-idle-source';
import { createSecureWindow, lockDownSession } from './secure-window';
import { utilityProcessLauncher } from './utility-process-launcher';

const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;

  class Emitter {
    private readonly listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener): this {
      const wrapper: Listener = (...args) => {
        this.removeListener(event, wrapper);
        listener(...args);
      };
      return this.on(event, wrapper);
    }
    removeListener(event: string, listener: Listener): this {
      this.listeners.set(
        event,
        (this.listeners.get(event) ?? []).filter((l) => l !== listener),
      );
      return this;
    }
    emit(event: string, ...args: unknown[]): void {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
    count(event: string): number {
      return this.listeners.get(event)?.length ?? 0;
    }
  }

  class WebContents extends Emitter {
    openHandler: ((details: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
      this.openHandler = handler;
    }
  }

  const windows: BrowserWindow[] = [];
  class BrowserWindow extends Emitter {
    readonly webContents = new WebContents();
    readonly loaded: string[] = [];
    loadResult: Promise<void> = Promise.resolve();
    shown = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return this.loadResult;
    }
    show(): void {
      this.shown = true;
    }
  }

  const defaultSession = {
    request: null as ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
    check: null as (() => boolean) | null,
    device: null as (() => boolean) | null,
    setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void {
      this.request = handler;
    },
    setPermissionCheckHandler(handler: () => boolean): void {
      this.check = handler;
    },
    setDevicePermissionHandler(handler: () => boolean): void {
      this.device = handler;
    },
  };

  class PowerMonitor extends Emitter {
    idle: () => number = () => 0;
    getSystemIdleTime(): number {
      return this.idle();
    }
  }

  class UtilityProcess extends Emitter {
    readonly stderr = new Emitter();
    pid: number | undefined = 4321;
    kills = 0;
    constructor(
      readonly modulePath: string,
      readonly forkOptions: Record<string, unknown>,
    ) {
      super();
    }
    kill(): boolean {
      this.kills += 1;
      return true;
    }
  }
  const forked: UtilityProcess[] = [];

  const opened: string[] = [];
  return {
    windows,
    forked,
    opened,
    module: {
      BrowserWindow,
      shell: {
        openExternal: (url: string): Promise<void> => {
          opened.push(url);
          return Promise.resolve();
        },
      },
      session: { defaultSession },
      powerMonitor: new PowerMonitor(),
      utilityProcess: {
        fork: (modulePath: string, _args: string[], options: Record<string, unknown>): UtilityProcess => {
          const child = new UtilityProcess(modulePath, options);
          forked.push(child);
          return child;
        },
      },
    },
  };
});

// Hoisted above the imports by vitest: the adapters import this stand-in instead of Electron.
vi.mock('electron', () => fake.module);

function recordingSink(): ActivitySink & { inputs: InputDevice[]; failures: string[] } {
  const inputs: InputDevice[] = [];
  const failures: string[] = [];
  return {
    inputs,
    failures,
    input: (device) => inputs.push(device),
    failed: (reason) => failures.push(reason),
  };
}

function lastWindow(): (typeof fake.windows)[number] {
  const window = fake.windows.at(-1);
  if (window === undefined) throw new Error('no window was created');
  return window;
}

describe('secure window', () => {
  const options = {
    preloadPath: '/app/out/preload/index.cjs',
    url: 'app://clockhand/index.html',
    onLoadFailed: vi.fn(),
    mayOpenExternal: (url: string) => url.startsWith('https://clockhand.dev/'),
  };

  it('is isolated, sandboxed and without Node, and loads the given page', () => {
    createSecureWindow(options);
    const window = lastWindow();
    expect(window.options.webPreferences).toMatchObject({
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window.loaded).toEqual([options.url]);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('opens no window and allows no navigation, redirect or webview, even to its own page', () => {
    createSecureWindow(options);
    const { webContents } = lastWindow();
    for (const url of ['https://example.com/', options.url, 'file:///etc/passwd']) {
      expect(webContents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      for (const url of ['https://example.com/', options.url]) {
        const preventDefault = vi.fn();
        webContents.emit(event, { preventDefault }, url);
        expect(preventDefault, `${event} ${url}`).toHaveBeenCalledOnce();
      }
    }
  });

  it('sends an allowlisted https link to the system browser instead of navigating; drops every other link', () => {
    fake.opened.length = 0;
    createSecureWindow(options);
    const { webContents } = lastWindow();
    expect(webContents.openHandler?.({ url: 'https://clockhand.dev/docs' })).toEqual({ action: 'deny' });
    expect(webContents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const preventDefault = vi.fn();
    webContents.emit('will-navigate', { preventDefault }, 'https://clockhand.dev/privacy');
    webContents.emit('will-navigate', { preventDefault }, 'file:///etc/passwd');
    expect(preventDefault).toHaveBeenCalledTimes(2);
    expect(fake.opened).toEqual(['https://clockhand.dev/docs', 'https://clockhand.dev/privacy']);
  });

  it('reports a page that fails to load', async () => {
    const onLoadFailed = vi.fn();
    const loadURL = vi.spyOn(fake.module.BrowserWindow.prototype, 'loadURL').mockRejectedValueOnce(new Error('ERR_FILE_NOT_FOUND (-6)'));
    createSecureWindow({ ...options, onLoadFailed });
    await vi.waitFor(() => {
      expect(onLoadFailed).toHaveBeenCalledWith('ERR_FILE_NOT_FOUND (-6)');
    });
    loadURL.mockRestore();
  });

  it('denies every permission request and check', () => {
    lockDownSession();
    const { defaultSession } = fake.module.session;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      const callback = vi.fn();
      defaultSession.request?.(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(defaultSession.check?.()).toBe(false);
    expect(defaultSession.device?.()).toBe(false);
  });
});

describe('PowerMonitorIdleSource', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports input when the idle time is under a second or fell since the last poll, once a second', () => {
    const readings = [5, 6, 0, 3, 2, 10, 11];
    fake.module.powerMonitor.idle = () => readings.shift() ?? 12;
    const source = new PowerMonitorIdleSource();
    const sink = recordingSink();
    source.start(sink);
    expect(source.kind).toBe('idle-time');
    const seen: number[] = [];
    for (let second = 1; second <= 6; second += 1) {
      const before = sink.inputs.length;
      vi.advanceTimersByTime(1_000);
      if (sink.inputs.length > before) seen.push(second);
    }
    // readings after the first (5): 6 no, 0 yes, 3 no, 2 yes (fell), 10 no, 11 no
    expect(seen).toEqual([2, 4]);
    expect(sink.inputs.every((device) => device === 'other')).toBe(true);
    source.stop();
    vi.advanceTimersByTime(5_000);
    expect(sink.inputs).toHaveLength(2);
  });

  it('fails once and stops polling when Electron cannot read the idle time', () => {
    let calls = 0;
    fake.module.powerMonitor.idle = () => {
      calls += 1;
      throw new Error('not supported');
    };
    const source = new PowerMonitorIdleSource();
    const sink = recordingSink();
    source.start(sink);
    vi.advanceTimersByTime(5_000);
    expect(sink.failures).toEqual(['system idle time unavailable: not supported']);
    expect(calls).toBe(1);
  });
});

describe('electronPowerEvents', () => {
  it("maps powerMonitor's suspend, resume, lock-screen and unlock-screen, and unsubscribes", () => {
    const monitor = fake.module.powerMonitor;
    const events: PowerEvent[] = [];
    const cancel = electronPowerEvents.subscribe((event) => events.push(event));
    for (const name of ['suspend', 'resume', 'lock-screen', 'unlock-screen', 'shutdown']) monitor.emit(name);
    expect(events).toEqual(['suspend', 'resume', 'lock', 'unlock']);
    cancel();
    for (const name of ['suspend', 'resume', 'lock-screen', 'unlock-screen']) expect(monitor.count(name)).toBe(0);
  });
});

describe('utilityProcessLauncher', () => {
  it('forks the script in a utility process and relays messages, stderr and the exit code', () => {
    const handle = utilityProcessLauncher('Clockhand input hook').launch('/app/out/main/input-hook-child.js');
    const child = fake.forked.at(-1);
    if (child === undefined) throw new Error('nothing forked');
    expect(child.modulePath).toBe('/app/out/main/input-hook-child.js');
    expect(child.forkOptions).toMatchObject({ serviceName: 'Clockhand input hook', stdio: ['ignore', 'ignore', 'pipe'] });

    const messages: unknown[] = [];
    const exits: [number | null, string | null][] = [];
    handle.onMessage((message) => messages.push(message));
    handle.onExit((code, signal) => exits.push([code, signal]));
    child.emit('message', { t: 'ready' });
    child.stderr.emit('data', Buffer.from('libuiohook: XOpenDisplay failure\n'));
    expect(handle.pid()).toBe(4321);

    child.emit('exit', 134);
    expect(messages).toEqual([{ t: 'ready' }]);
    expect(exits).toEqual([[134, null]]);
    expect(handle.stderrTail()).toContain('XOpenDisplay failure');
    handle.kill();
    expect(child.kills).toBe(0); // already gone
  });

  it('kills a running child, and SIGKILLs it when it does not exit within a second', () => {
    vi.useFakeTimers();
    const processKill = vi.spyOn(process, 'kill').mockReturnValue(true);
    try {
      const polite = utilityProcessLauncher('Clockhand input hook').launch('/x.js');
      const politeChild = fake.forked.at(-1);
      polite.kill();
      expect(politeChild?.kills).toBe(1);
      politeChild?.emit('exit', 0);
      vi.advanceTimersByTime(2_000);
      expect(processKill).not.toHaveBeenCalled();

      const stuck = utilityProcessLauncher('Clockhand input hook').launch('/x.js');
      stuck.kill();
      vi.advanceTimersByTime(999);
      expect(processKill).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(processKill).toHaveBeenCalledWith(4321, 'SIGKILL');
    } finally {
      processKill.mockRestore();
      vi.useRealTimers();
    }
  });
});
