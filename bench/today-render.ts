// First render of the Today view with a full day, in Debian's Chromium, for `npm run bench` (goal < 100 ms):
//   navigationToToday  ms from navigation start to the Today view committed with the day's data (performance marks
//                      in the page: parse + boot + the bridge answers + render)
//   dayRender          ms from the day's data arriving in the store to the Today view committed with it
// The page runs the built renderer (out/renderer) with a bridge answering from memory, so only the window is measured.
// Run alone: node --import tsx bench/today-render.ts
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import type { DayReport, EntryDto, IdleSpanDto, ScreenshotDto, StatusDto } from '../common/dto';
import { formatLocalIso } from '../common/local-time';
import { repoRoot } from '../test/harness/agent-process';
import { launchChromium } from '../test/harness/chromium';
import { serveFolder } from '../test/harness/static-server';
import { median } from './stats';

const MINUTE = 60_000;

/** A full working day: 480 active minutes (08:00–16:00), 30 entries, 96 screenshots, a few idle spans. */
export async function fullDay(): Promise<Record<string, unknown>> {
  const now = new Date();
  const day = `${String(now.getFullYear())}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const eight = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 8, 0, 0).getTime();
  const entries: EntryDto[] = Array.from({ length: 30 }, (_, i) => {
    const start = eight + i * 16 * MINUTE;
    return {
      id: i + 1,
      taskRef: `jira:PROJ-${String((i % 7) + 1)}`,
      startedAt: formatLocalIso(start),
      endedAt: formatLocalIso(start + 15 * MINUTE),
      running: false,
      durationSeconds: 900,
      note: i % 3 === 0 ? `Worked on part ${String(i)}` : null,
      origin: 'timer',
      sync: [{ itemId: i + 1, provider: 'jira', target: `PROJ-${String((i % 7) + 1)}`, state: 'done', operation: 'update' }],
    };
  });
  const slots = Array.from({ length: 48 }, (_, i) => ({
    start: formatLocalIso(eight + i * 10 * MINUTE),
    activeSeconds: 600,
    percent: 60 + (i % 5) * 8,
  }));
  const report: DayReport = {
    day,
    from: formatLocalIso(eight - 8 * 60 * MINUTE),
    to: formatLocalIso(eight + 16 * 60 * MINUTE),
    totalSeconds: 30 * 900,
    byTask: Array.from({ length: 7 }, (_, i) => ({ taskRef: `jira:PROJ-${String(i + 1)}`, seconds: 3_600 + i * 60 })),
    byProject: [{ provider: 'jira', project: 'PROJ', name: 'Portal', seconds: 30 * 900 }],
    byProvider: [{ provider: 'jira', seconds: 30 * 900 }],
    ledger: {
      workingFrom: formatLocalIso(eight + 60 * MINUTE),
      workingTo: formatLocalIso(eight + 9 * 60 * MINUTE),
      segments: [
        {
          start: formatLocalIso(eight + 60 * MINUTE),
          end: formatLocalIso(eight + 9 * 60 * MINUTE),
          seconds: 8 * 3_600,
          kind: 'tracked',
          taskRef: 'jira:PROJ-1',
        },
      ],
      totals: {
        trackedSeconds: 8 * 3_600,
        idleKeptSeconds: 0,
        idlePendingSeconds: 0,
        idleDiscardedSeconds: 0,
        untrackedSeconds: 0,
        trackedOutsideSeconds: 0,
      },
    },
    activity: { activeSeconds: 480 * 60, keyboardSeconds: 200 * 60, mouseSeconds: 400 * 60, percentOfTracked: 80, slots },
    entries,
  };
  const screenshots: ScreenshotDto[] = Array.from({ length: 96 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    capturedAt: formatLocalIso(eight + i * 5 * MINUTE + 2 * MINUTE),
    day,
    display: '0',
    width: 1920,
    height: 1080,
    blurred: i % 10 === 0,
    bytes: 300_000,
    entryId: Math.min(30, Math.floor(i / 3) + 1),
    taskRef: 'jira:PROJ-1',
    state: 'ok',
  }));
  const idle: IdleSpanDto[] = [0, 1, 2].map((i) => ({
    id: i + 1,
    startedAt: formatLocalIso(eight + (120 + i * 90) * MINUTE),
    endedAt: formatLocalIso(eight + (128 + i * 90) * MINUTE),
    durationSeconds: 480,
    reason: 'inactivity',
    state: 'kept',
    reassignedTo: null,
    decidedBy: 'user',
    decideBy: null,
  }));
  const status: StatusDto = {
    agent: { pid: 1, version: '0.1.0', face: 'app', dataDir: '/home/ada/.config/Clockhand', startedAt: formatLocalIso(eight) },
    timer: { running: false, entryId: null, taskRef: null, startedAt: null, note: null, elapsedSeconds: 0 },
    todaySeconds: 30 * 900,
    activity: { source: 'hook', degradedReason: null, activeSecondsToday: 480 * 60, lastInputAt: null },
    idle: { idle: false, since: null, pending: null, pendingCount: 0 },
    policy: { problem: null, lockedSettings: 0 },
    recovered: null,
  };
  const png = await sharp({ create: { width: 320, height: 180, channels: 3, background: { r: 80, g: 90, b: 200 } } })
    .png()
    .toBuffer();
  return {
    status,
    'report.day': report,
    'idle.list': idle,
    'screenshots.list': screenshots,
    'entries.list': entries,
    'tasks.list': {
      tasks: Array.from({ length: 7 }, (_, i) => ({
        connectionId: 1,
        taskRef: `jira:PROJ-${String(i + 1)}`,
        title: `Task number ${String(i + 1)}`,
        status: 'In Progress',
        project: 'Portal',
      })),
      sources: [],
    },
    'policy.show': { problem: null, sources: [], settings: [] },
    'screenshot.thumbnail': { id: 'x', width: 320, height: 180, pngBase64: png.toString('base64') },
  };
}

export async function todayRender(
  runs = 7,
): Promise<{ navigationToTodayMs: number; dayRenderMs: number; runs: number; day: string; goalMs: number }> {
  const answers = await fullDay();
  const server = await serveFolder(join(repoRoot, 'out', 'renderer'));
  const browser = await launchChromium();
  const navigation: number[] = [];
  const render: number[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      // A string, not a function: tsx's name helpers do not exist in the page.
      await page.addInitScript({
        content: `const data = ${JSON.stringify(answers)};
Object.defineProperty(globalThis, 'clockhand', { value: { invoke: (name) => Promise.resolve(name in data
  ? { ok: true, value: data[name] } : { ok: false, error: { code: 'not_found', message: name } }), on: () => () => undefined } });`,
      });
      await page.goto(server.url);
      await page.waitForFunction(() => performance.getEntriesByName('clockhand:today-day-rendered').length > 0);
      const marks = await page.evaluate(() => ({
        loaded: performance.getEntriesByName('clockhand:day-loaded')[0]?.startTime ?? Number.NaN,
        rendered: performance.getEntriesByName('clockhand:today-day-rendered')[0]?.startTime ?? Number.NaN,
      }));
      // The first run warms Chromium's caches; it is not counted.
      if (run > 0) {
        navigation.push(marks.rendered);
        render.push(marks.rendered - marks.loaded);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const round = (value: number): number => Number(value.toFixed(1));
  return {
    navigationToTodayMs: round(median(navigation)),
    dayRenderMs: round(median(render)),
    runs: navigation.length,
    day: '480 active minutes, 96 screenshots, 30 entries',
    goalMs: 100,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await todayRender(), null, 2)}\n`);
}
