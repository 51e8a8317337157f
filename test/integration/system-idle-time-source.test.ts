import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RecordingSink } from '../fakes/recording-sink';
import { idleTimeCommandFor, SystemIdleTimeSource } from '../../main/adapters/node/system-idle-time-source';
import { requireDisplay } from '../harness/xvfb';
import { holdDisplay, moveMouse, xdotool } from '../harness/xdotool';

const sources: SystemIdleTimeSource[] = [];
afterEach(() => {
  for (const source of sources.splice(0)) source.stop();
});

function started(source: SystemIdleTimeSource, sink: RecordingSink): SystemIdleTimeSource {
  sources.push(source);
  source.start(sink);
  return source;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('system idle time source with the real xprintidle (Xvfb + xdotool)', () => {
  let release: (() => Promise<void>) | undefined;
  // Without a client held open, Xvfb regenerates after every xprintidle and the idle time never grows: see holdDisplay.
  beforeAll(async () => {
    requireDisplay();
    release = await holdDisplay();
  });
  afterAll(async () => {
    await release?.();
  });

  it('reports one mouse move within two polls, and nothing for quiet time or for an X client that makes no input', async () => {
    const pollMs = 500;
    const sink = new RecordingSink();
    await sleep(pollMs + 100); // let the display go quiet for longer than a poll
    started(new SystemIdleTimeSource({ pollMs }), sink);
    await sleep(4 * pollMs);
    // A client that connects and asks something is not input.
    await xdotool('getmouselocation');
    await sleep(3 * pollMs);
    expect(sink.inputs).toEqual([]);

    const before = performance.now();
    await moveMouse(321, 123);
    await vi.waitFor(
      () => {
        expect(sink.inputs).toEqual(['other']);
      },
      { timeout: 2 * pollMs + 500, interval: 20 },
    );
    const latency = performance.now() - before;
    await sleep(3 * pollMs);
    expect(sink.inputs, `one move is one input (seen after ${Math.round(latency)} ms)`).toEqual(['other']);
    expect(sink.failures).toEqual([]);
  });
});

describe('system idle time source with fake commands', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clockhand-idle-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts input exactly when the idle time restarted since the previous poll', async () => {
    // A fake xprintidle: milliseconds since the "last input" time stamp the test writes into a file. It also
    // appends a line per run, so the test can place an input just after a poll.
    const lastInput = join(dir, 'last-input-ms');
    const pollLog = join(dir, 'polls');
    writeFileSync(pollLog, '');
    const polls = (): number => readFileSync(pollLog, 'utf8').length;
    const input = (): void => {
      writeFileSync(lastInput, String(Date.now()));
    };
    writeFileSync(lastInput, String(Date.now() - 600_000));
    const fakeXprintidle = {
      file: 'sh',
      args: ['-c', 'echo $(( $(date +%s%3N) - $(cat "$1") )); echo >>"$2"', 'sh', lastInput, pollLog],
    };
    const pollMs = 200;
    const sink = new RecordingSink();
    started(new SystemIdleTimeSource({ pollMs, command: fakeXprintidle }), sink);
    await sleep(5 * pollMs);
    expect(sink.inputs).toEqual([]);
    // One input right after a poll and one just before: each is seen once, by the next poll.
    for (const offset of [10, pollMs - 30]) {
      const seen = sink.inputs.length;
      const before = polls();
      await vi.waitFor(
        () => {
          expect(polls()).toBeGreaterThan(before);
        },
        { timeout: 2 * pollMs, interval: 2 },
      );
      await sleep(offset);
      input();
      await vi.waitFor(
        () => {
          expect(sink.inputs).toHaveLength(seen + 1);
        },
        { timeout: 2 * pollMs + 200, interval: 10 },
      );
      await sleep(3 * pollMs);
      expect(sink.inputs).toHaveLength(seen + 1);
    }
    expect(sink.inputs).toEqual(['other', 'other']);
    expect(sink.failures).toEqual([]);
  });

  it('fails once, at the first poll, when the command is missing', async () => {
    const sink = new RecordingSink();
    started(new SystemIdleTimeSource({ pollMs: 50, command: { file: 'clockhand-no-such-idle-command', args: [] } }), sink);
    await vi.waitFor(
      () => {
        expect(sink.failures).toHaveLength(1);
      },
      { timeout: 3_000, interval: 10 },
    );
    await sleep(300);
    expect(sink.failures).toEqual(['system idle time unavailable (clockhand-no-such-idle-command): command not found']);
    expect(sink.inputs).toEqual([]);
  });

  it('fails once after three polls in a row that give no idle time', async () => {
    const sink = new RecordingSink();
    const t0 = performance.now();
    started(new SystemIdleTimeSource({ pollMs: 100, command: { file: 'echo', args: ["couldn't open display"] } }), sink);
    await vi.waitFor(
      () => {
        expect(sink.failures).toHaveLength(1);
      },
      { timeout: 3_000, interval: 10 },
    );
    expect(performance.now() - t0).toBeGreaterThanOrEqual(190); // polls at 0, 100 and 200 ms
    await sleep(400);
    expect(sink.failures).toEqual([`system idle time unavailable (echo): unexpected output "couldn't open display\\n"`]);
  });

  it('fails once, after start() returns, on a platform without a command; stop() before that cancels it', async () => {
    const sink = new RecordingSink();
    started(new SystemIdleTimeSource({ platform: 'win32' }), sink);
    expect(sink.failures).toEqual([]);
    await vi.waitFor(() => {
      expect(sink.failures).toEqual(['no system idle-time command for win32 in the headless agent']);
    });

    const cancelled = new RecordingSink();
    started(new SystemIdleTimeSource({ platform: 'win32' }), cancelled).stop();
    await sleep(50);
    expect(cancelled.failures).toEqual([]);
  });

  it('parses xprintidle and ioreg output', () => {
    expect(idleTimeCommandFor('linux')?.parse('1234\n')).toBe(1234);
    expect(idleTimeCommandFor('linux')?.parse("couldn't open display")).toBeNull();
    expect(idleTimeCommandFor('darwin')?.parse('| |   "HIDIdleTime" = 2500000000')).toBe(2500);
    expect(idleTimeCommandFor('win32')).toBeNull();
  });
});
