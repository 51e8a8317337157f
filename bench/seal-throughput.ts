// Our screenshot sealing throughput (sealImage: header, fresh nonce, AAD, node:crypto AES-256-GCM), for
// bench/screenshots.ts. Run as a script, it prints ourThroughput(2 MiB) as JSON: the bench runs it in a child process
// with glibc told to keep freed heap memory, to show what the allocator costs.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
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

/**
 * ourThroughput(2 MiB) in a child process whose glibc keeps freed heap memory (MALLOC_TRIM_THRESHOLD_ 256 MiB,
 * MALLOC_TOP_PAD_ 64 MiB). Node's cipher.update allocates every output chunk; with the default thresholds glibc hands
 * freed heap back to the kernel and takes it again page by page (thousands of page faults per 512 MB). The app keeps
 * the defaults on purpose: a tray app should give memory back; this only shows where the gap to OpenSSL comes from.
 */
export function withHeapKept(): { wall: number; userCpu: number } | string {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, MALLOC_TRIM_THRESHOLD_: String(256 * 1024 * 1024), MALLOC_TOP_PAD_: String(64 * 1024 * 1024) },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (child.status !== 0) return `the child failed: ${child.stderr.trim().split('\n').at(-1) ?? String(child.status)}`;
  const parsed: unknown = JSON.parse(child.stdout);
  if (typeof parsed !== 'object' || parsed === null || !('wall' in parsed) || !('userCpu' in parsed)) return 'unexpected output';
  return { wall: Number(parsed.wall), userCpu: Number(parsed.userCpu) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ourThroughput(2 * 1024 * 1024, 256 * 1024 * 1024);
  process.stdout.write(JSON.stringify(ourThroughput(2 * 1024 * 1024, 512 * 1024 * 1024)));
}
