import { CSV_COLUMNS, EXPORT_FORMAT, EXPORT_VERSION, type ExportedEntry } from '../../../common/export-schema';
import { formatLocalIso } from '../../../common/local-time';
import type { TimeEntryRecord } from '../ports/repositories';

/** Characters a spreadsheet reads as the start of a formula (or that hide one): such a cell gets a leading '. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field per RFC 4180, neutralised against formula injection. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export const CSV_HEADER = csvRow(CSV_COLUMNS);

export function exportedEntry(entry: TimeEntryRecord, now: number): ExportedEntry {
  const end = entry.endedAt ?? now;
  return {
    id: entry.id,
    taskRef: entry.taskRef,
    start: formatLocalIso(entry.startedAt),
    end: entry.endedAt === null ? null : formatLocalIso(entry.endedAt),
    durationSeconds: Math.max(0, Math.round((end - entry.startedAt) / 1000)),
    note: entry.note,
    origin: entry.origin,
  };
}

export function csvEntry(e: ExportedEntry): string {
  return csvRow([String(e.id), e.taskRef, e.start, e.end ?? '', String(e.durationSeconds), e.note ?? '', e.origin]);
}

/** The JSON file up to the opening of the entries array; entries follow, then JSON_TAIL. */
export function jsonHead(exportedAt: number, from: string | null, to: string | null): string {
  const head = JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: formatLocalIso(exportedAt), from, to });
  return `${head.slice(0, -1)},"entries":[\n`;
}

export const JSON_TAIL = '\n]}\n';
