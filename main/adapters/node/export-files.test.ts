import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportTarget } from './export-files';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('where an export may be written', () => {
  it('an absolute file path outside the data directory, links resolved; anything else is refused with a reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clockhand-export-target-'));
    dirs.push(dir);
    const data = join(dir, 'data');
    mkdirSync(data);
    symlinkSync(data, join(dir, 'link-to-data'));
    expect(exportTarget(data, join(dir, 'out.csv')).path).toBe(join(dir, 'out.csv'));
    expect(() => exportTarget(data, 'out.csv')).toThrow(/absolute path on this computer/);
    if (process.platform !== 'win32') expect(() => exportTarget(data, 'C:\\Users\\ada\\out.csv')).toThrow(/absolute path on this computer/);
    expect(() => exportTarget(data, join(data, 'out.csv'))).toThrow(/never written inside the data directory/);
    expect(() => exportTarget(data, join(dir, 'link-to-data', 'out.csv'))).toThrow(/never written inside the data directory/);
    expect(() => exportTarget(data, dir)).toThrow(/is a directory/);
  });
});
