import { describe, expect, it } from 'vitest';
import { formatCommand, parseCommand, type DesktopCommand } from './desktop-commands';

describe('desktop commands (tray items, notification buttons, the shortcut)', () => {
  it('round-trips every command through its action id', () => {
    const commands: DesktopCommand[] = [
      { type: 'timer.start', taskRef: 'jira:PROJ-12' },
      { type: 'timer.start', taskRef: 'local:mail and: colons' },
      { type: 'timer.stop' },
      { type: 'timer.toggle' },
      { type: 'idle.resolve', action: 'keep', id: 7 },
      { type: 'idle.resolve', action: 'discard', id: 12 },
      { type: 'screenshot.delete', id: '4f7c2a9e-1b2c-4d5e-8f90-123456789abc' },
      { type: 'window.open', view: 'idle' },
      { type: 'window.open', view: 'screenshots', id: '4f7c2a9e-1b2c-4d5e-8f90-123456789abc' },
      { type: 'quit' },
    ];
    for (const command of commands) expect(parseCommand(formatCommand(command))).toEqual(command);
  });

  it('refuses anything it did not format', () => {
    for (const text of [
      '',
      'erase',
      'timer.stop:now',
      'timer.start:',
      'timer.start:trello:1',
      'timer.start: jira:PROJ-1',
      'idle.keep:0',
      'idle.keep:-1',
      'idle.keep:1.5',
      'idle.maybe:1',
      'screenshot.delete:../../etc/passwd',
      'screenshot.delete:',
      'window.open',
      'window.open:devtools',
      'window.open:screenshots:a/b',
      'window.open:screenshots:a:b',
      '__proto__',
      `timer.start:local:${'x'.repeat(600)}`,
    ]) {
      expect(parseCommand(text), text).toBeNull();
    }
  });
});
