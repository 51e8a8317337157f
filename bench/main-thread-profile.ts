// The main thread's longest stretch of work, from V8's sampling profiler: unlike timer lateness, this does not count
// the time the thread waited for a CPU while it had nothing to do (on 2 cores, ImageMagick and Xvfb take both).
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

export interface MainThreadProfiler {
  /** Stops sampling; the longest run of consecutive non-idle samples in ms, and the busy time in total. */
  stop(): Promise<{ longestTaskMs: number; busyMs: number }>;
}

export async function profileMainThread(samplingMicros = 100): Promise<MainThreadProfiler> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: samplingMicros });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
      session.disconnect();
      const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
      const samples = profile.samples ?? [];
      const deltas = profile.timeDeltas ?? [];
      // A run of work lasts from its first non-idle sample to its last (plus one sampling interval): the gap before
      // the first sample may have been idle, and on a busy machine the sampler itself is sometimes late. Everything
      // before the first idle sample is the profiler starting up, not ours.
      let longest = 0;
      let busy = 0;
      let at = 0;
      let runStart: number | null = null;
      let seenIdle = false;
      for (let i = 0; i < samples.length; i += 1) {
        const delta = (deltas[i] ?? 0) / 1000;
        at += delta;
        if (idle.has(samples[i] ?? -1)) {
          seenIdle = true;
          runStart = null;
          continue;
        }
        if (!seenIdle) continue;
        if (runStart === null) runStart = at;
        else busy += delta;
        longest = Math.max(longest, at - runStart + samplingMicros / 1000);
      }
      return { longestTaskMs: longest, busyMs: busy };
    },
  };
}
