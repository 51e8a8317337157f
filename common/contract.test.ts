import { describe, expect, it } from 'vitest';
import { outPath } from './contract';

describe('an export path', () => {
  it('is absolute on the machine the core runs on: POSIX, a Windows drive or a UNC share', () => {
    for (const path of ['/home/ada/export.csv', 'C:\\Users\\ada\\export.zip', 'd:/exports/x.json', '\\\\server\\share\\x.csv']) {
      expect(outPath.safeParse(path).success, path).toBe(true);
    }
    for (const path of ['export.csv', './export.csv', '..\\x.csv', 'C:relative.csv', '\\\\', '~/export.csv', '']) {
      expect(outPath.safeParse(path).success, path).toBe(false);
    }
  });
});
