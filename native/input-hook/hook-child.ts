// The input-hook process. libuiohook aborts its whole process when there is no X display or no XRecord extension,
// so it runs here, alone, and the parent falls back to another activity source when this process dies.
// Every event becomes a presence bit ("keyboard" or "mouse") in the listener itself: the listeners take no
// arguments, so key codes, raw codes, coordinates and buttons are never even read.
import { uIOhook } from 'uiohook-napi';
import { HOOK_REPORT_INTERVAL_MS, type HookMessage } from './hook-messages';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'close', listener: () => void): unknown;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(message: HookMessage): void {
  if (parentPort !== undefined) parentPort.postMessage(message);
  else if (process.send !== undefined && process.connected) process.send(message);
}

const lastSent = { keyboard: 0, mouse: 0 };

function present(device: 'keyboard' | 'mouse'): void {
  const now = performance.now();
  if (now - lastSent[device] < HOOK_REPORT_INTERVAL_MS) return;
  lastSent[device] = now;
  send({ t: 'input', d: device });
}

function shutdown(): void {
  try {
    uIOhook.stop();
  } finally {
    process.exit(0);
  }
}

if (parentPort === undefined && process.send === undefined) {
  process.stderr.write('input-hook: must run as a child process with an IPC channel\n');
  process.exit(2);
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

uIOhook.start();
send({ t: 'ready' });
