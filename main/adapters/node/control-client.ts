import { connect } from 'node:net';
import { controlResponseSchema, PROTOCOL_VERSION } from '../../../common/control-protocol';
import type { OperationName } from '../../../common/contract';
import type { AppError } from '../../../common/result';

export class AgentNotRunningError extends Error {}

/** An answer longer than this is refused (the largest, a long entry list, is a few MB). */
export const MAX_ANSWER_CHARS = 64 * 1024 * 1024;

export type RawResult = { ok: true; value: unknown } | { ok: false; error: AppError | { code: string; message: string } };

/** Sends one request to the running agent or app and waits for its answer. */
export function callAgent(path: string, method: OperationName, params: unknown, timeoutMs = 15_000): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let buffered = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the agent did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      socket.write(`${JSON.stringify({ v: PROTOCOL_VERSION, id: 1, method, params })}\n`);
    });
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const newline = buffered.indexOf('\n');
      if (newline === -1) {
        if (buffered.length > MAX_ANSWER_CHARS) {
          clearTimeout(timer);
          socket.destroy();
          reject(new Error('the agent sent an answer too large to read'));
        }
        return;
      }
      clearTimeout(timer);
      socket.end();
      try {
        const response = controlResponseSchema.parse(JSON.parse(buffered.slice(0, newline)));
        resolve(response.ok ? { ok: true, value: response.value } : { ok: false, error: response.error });
      } catch {
        reject(new Error('the agent sent an answer this CLI does not understand (different versions?)'));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') {
        reject(new AgentNotRunningError('no Clockhand agent or app is running'));
      } else {
        reject(error);
      }
    });
  });
}
