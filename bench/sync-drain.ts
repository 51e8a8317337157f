// syncDrain: time to drain N worklogs through a fake Jira that allows R requests a second (429 + Retry-After beyond
// that, plus random 429s), as a ratio to the ideal N/R; the duplicate count (must be 0) and the peak RSS of the
// process (worker, SQLite and the fake server together).
import { performance } from 'node:perf_hooks';
import { startFakeJira } from '../test/fakes/fake-jira-server';
import { fakeJiraWorklogs } from '../test/fakes/fake-jira-worklogs';
import { startSyncRig } from '../test/harness/sync-rig';

const TOKEN = 'bench-token';

function localIso(ms: number): string {
  const at = new Date(ms);
  const pad = (v: number, w = 2): string => String(v).padStart(w, '0');
  return `${pad(at.getFullYear(), 4)}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

export async function syncDrain(worklogs: number, ratePerSecond: number, random429: number): Promise<Record<string, unknown>> {
  const fake = await fakeJiraWorklogs({ validate: false });
  fake.ratePerSecond = ratePerSecond;
  fake.random429 = random429;
  const jira = await startFakeJira([{ email: 'b@example.com', apiToken: TOKEN, accountId: 'b', displayName: 'B' }], {}, fake.routes);
  // The client is configured with the vendor's rate and 90% of the vendor's burst (one second): time spent waiting out
  // a Retry-After is made up from the vendor's refilled bucket, and the 10% margin absorbs timing jitter (with the
  // full burst, jitter cost about 30 extra 429s per 10,000; at 0.95 of the rate the steady state loses 5% by design).
  const rig = startSyncRig(jira.baseUrl, {
    rate: ratePerSecond,
    burst: Math.max(1, Math.round(ratePerSecond * 0.9)),
    concurrency: 8,
    startWorker: false,
  });
  try {
    const added = await rig.core.invokeAsync('connection.add', {
      provider: 'jira',
      site: 'https://b.atlassian.net',
      email: 'b@example.com',
      token: TOKEN,
    });
    if (!added.ok) throw new Error(added.error.message);
    const first = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000 - worklogs * 120_000;
    for (let i = 0; i < worklogs; i += 1) {
      const start = first + i * 120_000;
      const entry = rig.core.invoke('entry.add', {
        taskRef: `jira:BENCH-${String((i % 50) + 1)}`,
        start: localIso(start),
        end: localIso(start + 60_000),
      });
      if (!entry.ok) throw new Error(entry.error.message);
    }
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    const began = performance.now();
    rig.core.syncWorker.start();
    for (;;) {
      const counts = rig.outbox.counts();
      if (counts.pending + counts.in_flight === 0) break;
      // Counting the states reads the whole outbox: poll gently, so the bench does not slow down what it measures.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - began) / 1000;
    clearInterval(sampler);
    const keys = [...fake.worklogs.values()].map((w) => JSON.stringify(w.properties));
    const posts = fake.calls.get('POST /rest/api/3/issue/{issueIdOrKey}/worklog') ?? 0;
    const ideal = worklogs / ratePerSecond;
    return {
      worklogs,
      ratePerSecond,
      random429,
      seconds: Number(seconds.toFixed(2)),
      idealSeconds: ideal,
      ratioToIdeal: Number((ideal / seconds).toFixed(3)),
      stored: fake.worklogs.size,
      duplicates: keys.length - new Set(keys).size,
      postRequests: posts,
      rejected429: posts - worklogs,
      done: rig.outbox.counts().done,
      peakRssMb: Math.round(peakRss / 1024 / 1024),
    };
  } finally {
    await rig.close();
    await jira.close();
  }
}
