import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { autostartEntry, setLinuxAutostart } from './linux-autostart';

describe('Linux autostart (the login item setting on Linux)', () => {
  const configHome = mkdtempSync(join(tmpdir(), 'clockhand-autostart-'));
  const file = join(configHome, 'autostart', 'clockhand.desktop');
  afterAll(() => {
    rmSync(configHome, { recursive: true, force: true });
  });

  it('writes the XDG entry when on and removes it when off', () => {
    setLinuxAutostart(true, { XDG_CONFIG_HOME: configHome }, '/opt/Clockhand/clockhand');
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Clockhand/clockhand"\n');
    setLinuxAutostart(true, { XDG_CONFIG_HOME: configHome, APPIMAGE: '/home/ada/Apps/Clockhand.AppImage' }, '/tmp/.mount_x/clockhand');
    expect(readFileSync(file, 'utf8')).toContain('Exec="/home/ada/Apps/Clockhand.AppImage"\n');
    setLinuxAutostart(false, { XDG_CONFIG_HOME: configHome }, '/opt/Clockhand/clockhand');
    expect(existsSync(file)).toBe(false);
    setLinuxAutostart(false, { XDG_CONFIG_HOME: configHome }, '/opt/Clockhand/clockhand');
  });

  it('quotes the executable so a path cannot add arguments or expand variables', () => {
    expect(autostartEntry('/home/a b/$HOME/`x`/"q"\\z')).toContain('Exec="/home/a b/\\$HOME/\\`x\\`/\\"q\\"\\\\z"\n');
  });
});
