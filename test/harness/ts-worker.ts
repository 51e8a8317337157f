import { Worker } from 'node:worker_threads';
import type { WorkerFactory } from '../../main/adapters/node/screenshots/vault-worker-client';

/** Starts a worker thread on a TypeScript source file (through tsx), for tests that run the sources. */
export function tsWorker(scriptPath: string): WorkerFactory {
  const code = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(scriptPath)}, ${JSON.stringify(import.meta.url)}));`;
  return () => new Worker(code, { eval: true });
}
