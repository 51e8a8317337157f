import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { statusDtoSchema } from '../../common/dto';
import { DATABASE_FILE } from '../../main/adapters/node/data-dir';
import { clockhandJson, requireBuild, startAgent, type AgentProcess } from '../harness/agent-process';
import { requireDisplay } from '../harness/xvfb';
import { moveMouse, typePhrase } from '../harness/xdotool';
import { dataFiles } from '../harness/data-files';

const PHRASE = 'zebra quokka marmalade';

describe('the agent with the real input hook under Xvfb', () => {
  let dir: string;
  let agent: AgentProcess;
  const args = (...rest: string[]): string[] => ['--data-dir', dir, ...rest];

  beforeAll(async () => {
    requireBuild();
    requireDisplay();
    dir = mkdtempSync(join(tmpdir(), 'clockhand-activity-'));
    agent = await startAgent(dir);
  });

  afterAll(async () => {
    await agent.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns xdotool input into active seconds, with the hook as the live source', async () => {
    await vi.waitFor(
      async () => {
        const status = statusDtoSchema.parse(await clockhandJson(args('status')));
        expect(status.activity.source).toBe('hook');
      },
      { timeout: 10_000, interval: 250 },
    );
    for (let i = 0; i < 4; i += 1) {
      await moveMouse(100 + i * 50, 100 + i * 30);
      await typePhrase('ab');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    await vi.waitFor(
      async () => {
        const status = statusDtoSchema.parse(await clockhandJson(args('status')));
        expect(status.activity.activeSecondsToday).toBeGreaterThanOrEqual(3);
        expect(status.activity.lastInputAt).not.toBeNull();
      },
      { timeout: 10_000, interval: 500 },
    );
  });

  it('stores no trace of what was typed: not the text, not key codes', async () => {
    await typePhrase(PHRASE);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await agent.stop();
    // Everything in the data directory (database, WAL, lock) and everything the agent logged.
    const haystacks = dataFiles(dir).map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
    haystacks.push({ name: 'agent output', bytes: Buffer.from(agent.output()) });
    for (const { name, bytes } of haystacks) {
      for (const needle of [PHRASE, 'zebra', 'quokka', 'marmalade']) {
        expect(bytes.includes(Buffer.from(needle)), `${needle} in ${name}`).toBe(false);
        expect(bytes.includes(Buffer.from(needle, 'utf16le')), `${needle} (UTF-16) in ${name}`).toBe(false);
      }
    }
    // The only place input lands is per-minute counters: integers between 0 and 60, nothing per key.
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const columns = db
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('activity_minutes')")
      .all()
      .map((c) => c.name);
    expect(columns).toEqual(['minute_start', 'active_seconds', 'keyboard_seconds', 'mouse_seconds']);
    const rows = db
      .prepare<[], { active_seconds: number; keyboard_seconds: number; mouse_seconds: number }>('SELECT * FROM activity_minutes')
      .all();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      for (const value of [row.active_seconds, row.keyboard_seconds, row.mouse_seconds]) expect(value).toBeLessThanOrEqual(60);
    }
    expect(rows.some((row) => row.keyboard_seconds > 0)).toBe(true);
    db.close();
    // Restart so afterAll can stop something.
    agent = await startAgent(dir);
  });
});
