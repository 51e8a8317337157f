import { execFile, spawn } from 'node:child_process';
import { requireDisplay } from './xvfb';

/** Runs xdotool against the test display. */
export function xdotool(...args: string[]): Promise<void> {
  requireDisplay();
  return new Promise((resolve, reject) => {
    execFile('xdotool', args, { timeout: 15_000 }, (error, _stdout, stderr) => {
      if (error === null) resolve();
      else reject(new Error(`xdotool ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
    });
  });
}

export function moveMouse(x: number, y: number): Promise<void> {
  return xdotool('mousemove', String(x), String(y));
}

/** Types text through XTEST, one key every delayMs. */
export function typePhrase(text: string, delayMs = 30): Promise<void> {
  return xdotool('type', '--delay', String(delayMs), text);
}

/**
 * Keeps one X client connected until the returned function is called. An X server started without -noreset
 * (the test Xvfb) regenerates whenever its last client disconnects, which restarts its idle counter and recentres
 * the pointer: with a client held open, the display behaves like a desktop session, where only input resets the
 * idle time.
 */
export async function holdDisplay(): Promise<() => Promise<void>> {
  requireDisplay();
  // `xdotool -` reads commands from stdin, one line at a time, over one connection.
  const child = spawn('xdotool', ['-'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('xdotool did not connect to the display within 10 s'));
    }, 10_000);
    child.stdout.once('data', () => {
      clearTimeout(timer);
      resolve();
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`xdotool exited (code ${String(code)}) before connecting: ${stderr.trim()}`));
    });
    // Its answer proves the connection is up.
    child.stdin.write('getmouselocation\n');
  });
  return async () => {
    child.stdin.end();
    await exited;
  };
}
