// The input-hook process. libuiohook aborts its whole process when there is no X display or no XRecord extension,
// so it runs here, alone, and the parent falls back to another activity source when this process dies.
// Every event becomes a presence bit ("keyboard" or "mouse") in the listener itself: the listeners take no
// arguments, so key codes, raw codes, coordinates and buttons are never even read.
import type { HookMessage } from './hook-messages';

/** The parent needs presence per second, not events: each device is reported at most once a second. */
const REPORT_INTERVAL_MS = 1_000;

/** Electron's `process.parentPort` in a utility process, as far as this script uses it. */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'close', listener: () => void): unknown;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(message: HookMessage): void {
  if (parentPort !== undefined) parentPort.postMessage(message);
  else if (process.send !== undefined && process.connected) process.send(message);
}

type Device = 'keyboard' | 'mouse';

/**
 * At most one message per device per second: the first input is sent at once; input during the following second
 * is folded into one message sent when that second is over (so presence is never lost, at most a second late).
 */
const throttle: Record<Device, { lastSentAt: number; pending: ReturnType<typeof setTimeout> | null }> = {
  keyboard: { lastSentAt: -Infinity, pending: null },
  mouse: { lastSentAt: -Infinity, pending: null },
};

function report(device: Device): void {
  throttle[device].lastSentAt = performance.now();
  send({ t: 'input', d: device });
}

function present(device: Device): void {
  const state = throttle[device];
  if (state.pending !== null) return;
  const wait = state.lastSentAt + REPORT_INTERVAL_MS - performance.now();
  if (wait <= 0) {
    report(device);
    return;
  }
  state.pending = setTimeout(() => {
    state.pending = null;
    report(device);
  }, wait);
}

if (parentPort === undefined && process.send === undefined) {
  process.stderr.write('input-hook: must run as a child process with an IPC channel\n');
  process.exit(2);
}
if (process.platform === 'linux' && (process.env.DISPLAY ?? '') === '') {
  // Without DISPLAY libuiohook throws, aborts or hangs (even while loading): say why and leave, so the parent
  // falls back at once.
  process.stderr.write('input-hook: DISPLAY is not set (no X11 session: Wayland without XWayland, or a console)\n');
  process.exit(3);
}

// Loaded only now: the native module already talks to the X server while it loads.
const { uIOhook } = await import('uiohook-napi');

function shutdown(): void {
  try {
    uIOhook.stop();
  } finally {
    process.exit(0);
  }
}

const keyboard = (): void => {
  present('keyboard');
};
const mouse = (): void => {
  present('mouse');
};
uIOhook.on('keydown', keyboard);
uIOhook.on('keyup', keyboard);
uIOhook.on('mousemove', mouse);
uIOhook.on('mousedown', mouse);
uIOhook.on('mouseup', mouse);
uIOhook.on('click', mouse);
uIOhook.on('wheel', mouse);

if (parentPort !== undefined) parentPort.on('close', shutdown);
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
// The parent may have gone while the native module loaded.
if (parentPort === undefined && !process.connected) shutdown();

uIOhook.start();
send({ t: 'ready' });
