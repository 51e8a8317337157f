import type { LogFields, Logger } from '../../core/ports/logger';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

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

/** JSON lines to a writable (stderr for the agent). Fields are structured; callers never pass user content. */
export function createStreamLogger(write: (line: string) => void, minimum: Level, clock: () => number = Date.now): Logger {
  const log = (level: Level, message: string, fields?: LogFields): void => {
    if (ORDER[level] < ORDER[minimum]) return;
    write(`${JSON.stringify({ time: new Date(clock()).toISOString(), level, message, ...fields })}\n`);
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
