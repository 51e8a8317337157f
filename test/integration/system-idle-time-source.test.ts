import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordingSink } from '../fakes/recording-sink';
import { idleTimeCommandFor, SystemIdleTimeSource } from '../../main/adapters/node/system-idle-time-source';
import { requireDisplay } from '../harness/xvfb';
import { moveMouse } from '../harness/xdotool';

const sources: SystemIdleTimeSource[] = [];
afterEach(() => {
  for (const source of sources.splice(0)) source.stop();
});

describe('system idle time source', () => {
  it('reports presence from xprintidle after real input, and nothing while the display is untouched', async () => {
    requireDisplay();
    const sink = new RecordingSink();
    const source = new SystemIdleTimeSource({ pollMs: 500 });
    sources.push(source);
    // Let the display go quiet first so the idle time exceeds one poll.
    await new Promise((resolve) => setTimeout(resolve, 600));
    source.start(sink);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const quiet = sink.inputs.length;
    expect(quiet).toBe(0);
    // Keep moving (to new places: a move to where the pointer already is makes no event) until it is seen.
    let step = 0;
    await vi.waitFor(
      async () => {
        step += 1;
        await moveMouse(300 + step * 7, 120 + step * 3);
        expect(sink.inputs.length).toBeGreaterThan(quiet);
      },
      { timeout: 3_000, interval: 50 },
    );
    expect(sink.inputs.every((device) => device === 'other')).toBe(true);
    expect(sink.failures).toEqual([]);
  });

  it('fails once when the command is missing', async () => {
    const sink = new RecordingSink();
    const source = new SystemIdleTimeSource({ pollMs: 50, command: { file: 'clockhand-no-such-idle-command', args: [], parse: () => 0 } });
    sources.push(source);
    source.start(sink);
    await vi.waitFor(
      () => {
        expect(sink.failures).toHaveLength(1);
      },
      { timeout: 3_000, interval: 25 },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.failures).toHaveLength(1);
    expect(sink.failures[0]).toMatch(/clockhand-no-such-idle-command/);
  });

  it('fails once on garbage output, and on platforms without a command', () => {
    expect(idleTimeCommandFor('linux')?.parse('1234\n')).toBe(1234);
    expect(idleTimeCommandFor('linux')?.parse("couldn't open display")).toBeNull();
    expect(idleTimeCommandFor('darwin')?.parse('| |   "HIDIdleTime" = 2500000000')).toBe(2500);
    const sink = new RecordingSink();
    new SystemIdleTimeSource({ platform: 'win32' }).start(sink);
    expect(sink.failures).toEqual(['no system idle-time command for win32 in the headless agent']);
  });
});
