import { execFile } from 'node:child_process';
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

export function typePhrase(text: string): Promise<void> {
  return xdotool('type', '--delay', '30', text);
}
