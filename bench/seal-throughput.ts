// Our screenshot sealing throughput (sealImage: header, fresh nonce, AAD, node:crypto AES-256-GCM), for
// bench/screenshots.ts.
import { performance } from 'node:perf_hooks';
import { sealImage } from '../main/adapters/node/screenshots/sealed-file';
import { median } from './stats';

const ref = { id: 'bench', capturedAt: 0, day: '2026-11-23', display: 'screen' };

const round = (value: number): number => Number(value.toFixed(1));

/**
 * MB/s (10^6 bytes) sealing `size`-byte plaintexts, median of 5 runs of ~`total` bytes each: by wall-clock time and by
 * user CPU time (what `openssl speed` divides by unless given -elapsed; on a shared 2-core machine the two differ a lot).
 */
export function ourThroughput(size: number, total: number): { wall: number; userCpu: number } {
  const key = Buffer.alloc(32, 7);
  const plaintext = Buffer.alloc(size, 0x5a);
  const wall: number[] = [];
  const userCpu: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const count = Math.max(1, Math.floor(total / size));
    const cpuBefore = process.cpuUsage();
    const began = performance.now();
    for (let i = 0; i < count; i += 1) sealImage(key, ref, 'full', plaintext);
    const megabytes = (count * size) / 1e6;
    wall.push(megabytes / ((performance.now() - began) / 1000));
    userCpu.push(megabytes / Math.max(1e-6, process.cpuUsage(cpuBefore).user / 1e6));
  }
  return { wall: round(median(wall)), userCpu: round(median(userCpu)) };
}
