import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDesktopNotifier } from '../../main/adapters/node/desktop-notifier';
import { notifications } from '../../main/core/notifications/notification-catalog';
import type { LogFields, Logger } from '../../main/core/ports/logger';

describe('the headless agent notifier', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-notify-'));
  const record = join(dir, 'args.txt');
  // A stand-in notify-send on PATH that records its arguments (the real one needs a notification daemon).
  writeFileSync(join(dir, 'notify-send'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`);
  chmodSync(join(dir, 'notify-send'), 0o755);
  const lines: { message: string; fields: LogFields | undefined }[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: (message, fields) => lines.push({ message, fields }),
    warn: () => undefined,
    error: () => undefined,
  };

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs notify-send on a desktop and logs the title only', async () => {
    const notifier = createDesktopNotifier({ DISPLAY: ':99', PATH: dir }, logger);
    notifier.notify(notifications.screenshotTaken(1, 'jira:SECRET-1', null));
    for (let i = 0; i < 50 && !existsSync(record); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readFileSync(record, 'utf8').split('\n')).toEqual([
      '--app-name=Clockhand',
      'Screenshot taken',
      '1 display(s) captured and encrypted while tracking jira:SECRET-1.',
      '',
    ]);
    expect(lines).toEqual([{ message: 'notification', fields: { title: 'Screenshot taken' } }]);
    expect(JSON.stringify(lines)).not.toContain('SECRET');
  });

  it('without a desktop (or without notify-send) only logs', () => {
    rmSync(record, { force: true });
    createDesktopNotifier({ PATH: dir }, logger).notify(notifications.screenshotsFailing('no display'));
    createDesktopNotifier({ DISPLAY: ':99', PATH: join(dir, 'none') }, logger).notify({
      kind: 'policy-problem',
      key: 'x',
      title: 'x',
      body: 'y',
    });
    expect(existsSync(record)).toBe(false);
    expect(lines.slice(1).map((line) => line.fields?.title)).toEqual(['Screenshots are not being taken', 'x']);
  });
});
