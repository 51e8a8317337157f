import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { entryDtoSchema, statusDtoSchema } from '../../common/dto';
import { formatCalendarDate, calendarDateOf } from '../../common/local-time';
import { controlSocketPath } from '../../main/adapters/node/data-dir';
import { clockhand, clockhandJson, requireBuild, startAgent, type AgentProcess } from '../harness/agent-process';

const entries = z.array(entryDtoSchema);

/** Sends raw bytes to the control socket and returns the first answer line (or '' if the agent closed it). */
function rawExchange(socketPath: string, payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let buffer = '';
    socket.on('connect', () => socket.write(payload));
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf('\n');
      if (newline >= 0) {
        socket.destroy();
        resolve(buffer.slice(0, newline));
      }
    });
    socket.on('close', () => {
      resolve(buffer);
    });
    socket.on('error', reject);
  });
}

describe('clockhand run + CLI, end to end', () => {
  let dir: string;
  let agent: AgentProcess;
  let args: (...rest: string[]) => string[];

  beforeAll(async () => {
    requireBuild();
    dir = mkdtempSync(join(tmpdir(), 'clockhand-e2e-'));
    args = (...rest) => ['--data-dir', dir, ...rest];
    agent = await startAgent(dir);
  });

  afterAll(async () => {
    await agent.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('status, start, switch, stop, entries and report work through the control socket', async () => {
    const status = statusDtoSchema.parse(await clockhandJson(args('status')));
    expect(status.agent).toMatchObject({ face: 'agent', dataDir: dir, pid: agent.child.pid });
    expect(status.timer.running).toBe(false);
    expect(['hook', 'idle-time', 'none']).toContain(status.activity.source);

    const started = entryDtoSchema.parse(await clockhandJson(args('start', 'jira:PROJ-12', '--note', 'review')));
    expect(started).toMatchObject({ taskRef: 'jira:PROJ-12', running: true, note: 'review' });
    const running = statusDtoSchema.parse(await clockhandJson(args('status')));
    expect(running.timer).toMatchObject({ running: true, taskRef: 'jira:PROJ-12', startedAt: started.startedAt });
    expect(typeof running.todaySeconds).toBe('number');
    expect(running.idle.pending).toBeNull();

    await new Promise((resolve) => setTimeout(resolve, 1_200));
    entryDtoSchema.parse(await clockhandJson(args('start', 'asana:1200000000000001')));
    const stopped = entryDtoSchema.parse(await clockhandJson(args('stop')));
    expect(stopped).toMatchObject({ taskRef: 'asana:1200000000000001', running: false });

    const today = formatCalendarDate(calendarDateOf(Date.now()));
    const list = entries.parse(await clockhandJson(args('entries', '--from', today, '--to', today)));
    expect(list.map((e) => e.taskRef)).toEqual(['jira:PROJ-12', 'asana:1200000000000001']);
    expect(list[0]?.endedAt).toBe(list[1]?.startedAt);
    expect(list[0]?.durationSeconds).toBeGreaterThanOrEqual(1);

    const report = (await clockhandJson(args('report', '--day', today))) as { totalSeconds: number; byTask: unknown[] };
    expect(report.totalSeconds).toBe(list.reduce((sum, e) => sum + e.durationSeconds, 0));
    expect(report.byTask).toHaveLength(2);

    const human = await clockhand(args('status'));
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/No timer running|not running|Timer/i);
  });

  it('manual entries: add, edit, split, delete, and refusals that change nothing', async () => {
    const added = entryDtoSchema.parse(
      await clockhandJson(
        args('entry', 'add', 'local:planning', '--start', '2026-01-05T09:00', '--end', '2026-01-05T10:30', '--note', 'Q1'),
      ),
    );
    expect(added).toMatchObject({ durationSeconds: 5400, origin: 'manual', note: 'Q1' });
    const id = String(added.id);
    const [first, second] = z
      .tuple([entryDtoSchema, entryDtoSchema])
      .parse(await clockhandJson(args('entry', 'split', id, '--at', '2026-01-05T10:00')));
    expect([first.durationSeconds, second.durationSeconds]).toEqual([3600, 1800]);
    const edited = entryDtoSchema.parse(await clockhandJson(args('entry', 'edit', String(second.id), '--task', 'jira:OPS-3')));
    expect(edited.taskRef).toBe('jira:OPS-3');

    const before = await clockhandJson(args('entries', '--from', '2026-01-05'));
    const refusals: [string[], RegExp][] = [
      [['entry', 'add', 'trello:7', '--start', '2026-01-05T11:00', '--end', '2026-01-05T12:00'], /unknown task provider/],
      [['entry', 'add', 'local:x', '--start', '2026-01-05T09:30', '--end', '2026-01-05T09:45'], /overlap/],
      [['entry', 'add', 'local:x', '--start', '2026-01-05T25:00', '--end', '2026-01-05T26:00'], /./],
      [['entry', 'add', 'local:x', '--start', '2026-01-05T12:00', '--end', '2026-01-05T11:00'], /after/],
      [['entry', 'add', 'local:x', '--start', '2026-01-01T00:00', '--end', '2026-01-02T01:00'], /24 hours/],
      [['entry', 'add', 'local:x', '--start', '2099-01-01T00:00', '--end', '2099-01-01T01:00'], /future/],
      [['entry', 'delete', '999999'], /no entry|not found|no time entry/i],
      [['entries', '--from', 'yesterday'], /./],
    ];
    for (const [command, message] of refusals) {
      const result = await clockhand(args(...command));
      expect(result.code, `${command.join(' ')} should fail`).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
    const jsonError = await clockhand(
      args('entry', 'add', 'local:x', '--start', '2026-01-05T09:30', '--end', '2026-01-05T09:45', '--json'),
    );
    expect(JSON.parse(jsonError.stderr)).toMatchObject({ error: { code: 'overlap' } });
    expect(await clockhandJson(args('entries', '--from', '2026-01-05'))).toEqual(before);

    expect(await clockhandJson(args('entry', 'delete', String(first.id)))).toEqual({ deleted: first.id });
    expect(entries.parse(await clockhandJson(args('entries', '--from', '2026-01-05')))).toHaveLength(1);
  });

  it('answers garbage on the control socket with an error and keeps serving', async () => {
    const socketPath = controlSocketPath(dir);
    const garbage = await rawExchange(socketPath, 'hello there\n');
    expect(JSON.parse(garbage)).toMatchObject({ ok: false });
    const unknownOp = await rawExchange(socketPath, `${JSON.stringify({ v: 1, id: 7, op: 'erase.everything', params: {} })}\n`);
    expect(JSON.parse(unknownOp)).toMatchObject({ ok: false });
    const badParams = await rawExchange(socketPath, `${JSON.stringify({ v: 1, id: 8, op: 'timer.start', params: { taskRef: 42 } })}\n`);
    expect(JSON.parse(badParams)).toMatchObject({ id: 8, ok: false, error: { code: 'invalid_input' } });
    // A line over the 1 MiB limit gets one error answer and the connection is closed.
    expect(JSON.parse(await rawExchange(socketPath, 'x'.repeat(2 * 1024 * 1024)))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'request line too long' },
    });
    expect(statusDtoSchema.parse(await clockhandJson(args('status'))).timer.running).toBe(false);
  });

  it('refuses a second agent on the same data directory, naming the first', async () => {
    const second = await clockhand(args('run'));
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`another Clockhand agent or app is already running on ${dir}`);
    expect(second.stderr).toContain(`pid ${String(agent.child.pid)}`);
    expect(statusDtoSchema.parse(await clockhandJson(args('status'))).agent.pid).toBe(agent.child.pid);
  });

  it('rejects bad arguments with a usage error', async () => {
    const unknown = await clockhand(args('frobnicate'));
    expect(unknown.code).toBe(2);
    const badAction = await clockhand(args('idle', 'resolve', 'maybe'));
    expect(badAction.code).toBe(2);
    expect(badAction.stderr).toMatch(/keep, discard or reassign/);
    const noPending = await clockhand(args('idle', 'resolve', 'keep'));
    expect(noPending.code).toBe(1);
    expect(noPending.stderr).toMatch(/no idle decision is pending/);
  });
});

describe('without an agent', () => {
  it('says so in one line and exits 3', async () => {
    requireBuild();
    const dir = mkdtempSync(join(tmpdir(), 'clockhand-noagent-'));
    try {
      for (const command of [['status'], ['start', 'local:x'], ['stop'], ['entries'], ['report', '--json']]) {
        const result = await clockhand(['--data-dir', dir, ...command]);
        expect(result.code).toBe(3);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toContain('no Clockhand agent or app is running');
      }
      const viaEnv = await clockhand(['status'], { ...process.env, CLOCKHAND_DATA_DIR: dir });
      expect(viaEnv.stderr).toContain(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unwritable data directory is a clear one-line error', async () => {
    requireBuild();
    const dir = mkdtempSync(join(tmpdir(), 'clockhand-unwritable-'));
    try {
      const file = join(dir, 'not-a-directory');
      writeFileSync(file, 'x');
      const result = await clockhand(['--data-dir', join(file, 'data'), 'run']);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(join(file, 'data'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
