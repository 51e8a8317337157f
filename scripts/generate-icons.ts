// Draws the tray icons (four states, 1x and 2x, colour and macOS template) into resources/tray/ and the app icon
// into build/icon.png, from SVG with sharp. The PNGs are committed; run again after changing a drawing:
//   node --import tsx scripts/generate-icons.ts
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

const root = join(import.meta.dirname, '..');
const trayDir = join(root, 'resources', 'tray');
const STATES = ['stopped', 'tracking', 'screenshots', 'attention'] as const;
type State = (typeof STATES)[number];

/** A clock face on a 32-unit grid; `ink` draws the face, `accent` the state mark. */
function traySvg(state: State, ink: string, accent: string): string {
  const face =
    state === 'stopped'
      ? `<circle cx="16" cy="16" r="12" fill="none" stroke="${ink}" stroke-width="3"/>`
      : `<circle cx="16" cy="16" r="13.5" fill="${ink}"/>`;
  const hands =
    state === 'stopped'
      ? `<path d="M16 9v7h5" fill="none" stroke="${ink}" stroke-width="3" stroke-linecap="round"/>`
      : `<path d="M16 8v8l5 4" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"/>`;
  const mark = {
    stopped: '',
    tracking: '',
    screenshots: `<circle cx="26" cy="26" r="6" fill="${accent}" stroke="#fff" stroke-width="1.5"/><circle cx="26" cy="26" r="2.2" fill="#fff"/>`,
    attention: `<circle cx="26" cy="6" r="6" fill="${accent}"/><path d="M26 2.5v4.5" stroke="#fff" stroke-width="2" stroke-linecap="round"/><circle cx="26" cy="9.6" r="1.1" fill="#fff"/>`,
  }[state];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">${face}${hands}${mark}</svg>`;
}

/** macOS template images: black and alpha only (the system tints them); the hands are cut out of the face. */
function templateSvg(state: State): string {
  const cut = state === 'stopped' ? '' : '<path d="M16 8v8l5 4" fill="none" stroke="#000" stroke-width="3" stroke-linecap="round"/>';
  const face =
    state === 'stopped'
      ? '<circle cx="16" cy="16" r="12" fill="none" stroke="#000" stroke-width="3"/><path d="M16 9v7h5" fill="none" stroke="#000" stroke-width="3" stroke-linecap="round"/>'
      : `<mask id="m"><rect width="32" height="32" fill="#fff"/>${cut}</mask><circle cx="16" cy="16" r="13.5" fill="#000" mask="url(#m)"/>`;
  const mark = {
    stopped: '',
    tracking: '',
    screenshots: '<circle cx="26" cy="26" r="5.5" fill="#000"/>',
    attention: '<circle cx="26" cy="6" r="5.5" fill="#000"/>',
  }[state];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">${face}${mark}</svg>`;
}

const COLOURS: Record<State, { ink: string; accent: string }> = {
  stopped: { ink: '#6b7280', accent: '#6b7280' },
  tracking: { ink: '#16a34a', accent: '#16a34a' },
  screenshots: { ink: '#16a34a', accent: '#2563eb' },
  attention: { ink: '#6b7280', accent: '#dc2626' },
};

async function png(svg: string, size: number, out: string): Promise<void> {
  await sharp(Buffer.from(svg), { density: 72 * (size / 32) * 4 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(out);
}

mkdirSync(trayDir, { recursive: true });
for (const state of STATES) {
  const { ink, accent } = COLOURS[state];
  await png(traySvg(state, ink, accent), 16, join(trayDir, `tray-${state}.png`));
  await png(traySvg(state, ink, accent), 32, join(trayDir, `tray-${state}@2x.png`));
  await png(templateSvg(state), 16, join(trayDir, `tray-${state}Template.png`));
  await png(templateSvg(state), 32, join(trayDir, `tray-${state}Template@2x.png`));
}
const appIcon = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0f172a"/><circle cx="16" cy="16" r="10" fill="none" stroke="#22c55e" stroke-width="2.5"/><path d="M16 10v6l4 3" fill="none" stroke="#f8fafc" stroke-width="2.5" stroke-linecap="round"/></svg>`;
await png(appIcon, 1024, join(root, 'build', 'icon.png'));
console.log(`wrote ${String(STATES.length * 4)} tray icons to ${trayDir} and build/icon.png`);
