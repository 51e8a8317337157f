import type { LogFields, Logger } from '../../core/ports/logger';
import type { Redactor } from '../../core/logging/redactor';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const RESERVED = new Set(['time', 'level', 'message']);

export function parseLogLevel(text: string | undefined): Level {
  switch (text) {
    case 'debug':
    case 'info':
    case 'warn':
    case 'error':
      return text;
    default:
      return 'info';
  }
}

/**
 * JSON lines to one or more sinks (stderr, the rotating log file). Every record goes through the redactor first:
 * no sink ever sees a token, an Authorization or Cookie header, an e-mail address or a note.
 */
export function createStreamLogger(
  write: (line: string) => void,
  minimum: Level,
  redactor: Redactor,
  clock: () => number = Date.now,
): Logger {
  const log = (level: Level, message: string, fields?: LogFields): void => {
    if (ORDER[level] < ORDER[minimum]) return;
    // A field never overwrites the record's own time, level or message.
    const extra = Object.fromEntries(Object.entries(redactor.fields(fields)).filter(([key]) => !RESERVED.has(key)));
    const record = { time: new Date(clock()).toISOString(), level, message: redactor.text(message), ...extra };
    write(`${JSON.stringify(record)}\n`);
  };
  return {
    debug: (message, fields) => {
      log('debug', message, fields);
    },
    info: (message, fields) => {
      log('info', message, fields);
    },
    warn: (message, fields) => {
      log('warn', message, fields);
    },
    error: (message, fields) => {
      log('error', message, fields);
    },
  };
}

/** A crash or error record with no personal content: the error's kind, its redacted message, and frames as file:line. */
export function crashFields(error: unknown, redactor: Redactor): Record<string, string> {
  if (!(error instanceof Error)) return { kind: typeof error, message: redactor.text(String(error)).slice(0, 300) };
  const frames = (error.stack ?? '')
    .split('\n')
    .slice(1, 9)
    .map((line) => /([^/\\\s()]+\.[cm]?[jt]sx?:\d+(?::\d+)?)/.exec(line)?.[1] ?? null)
    .filter((frame): frame is string => frame !== null);
  return { kind: error.name, message: redactor.text(error.message).slice(0, 300), frames: frames.join(' < ') };
}
