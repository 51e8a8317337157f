import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './write-file-atomic';

/** The XDG autostart entry that starts Clockhand at login on Linux desktops (Electron's login items do not exist there). */
export function autostartEntry(executable: string): string {
  // Desktop Entry Exec quoting: the path in double quotes with ", `, $ and \ escaped.
  const quoted = `"${executable.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Clockhand',
    'Comment=Time tracker (starts in the tray)',
    `Exec=${quoted}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** ~/.config/autostart/clockhand.desktop (XDG_CONFIG_HOME respected). */
export function autostartFile(env: Readonly<Record<string, string | undefined>>): string {
  const configHome = env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(configHome, 'autostart', 'clockhand.desktop');
}

/** Writes (atomically) or removes the autostart entry. An AppImage is started through its own file, not the mount. */
export function setLinuxAutostart(enabled: boolean, env: Readonly<Record<string, string | undefined>>, execPath: string): void {
  const file = autostartFile(env);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  const executable = env.APPIMAGE !== undefined && env.APPIMAGE !== '' ? env.APPIMAGE : execPath;
  const content = autostartEntry(executable);
  try {
    if (readFileSync(file, 'utf8') === content) return;
  } catch {
    // not there yet
  }
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileAtomic(file, content, 0o644);
}
