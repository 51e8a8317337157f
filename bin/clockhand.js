#!/usr/bin/env node
// The `clockhand` command: runs the built CLI (out/main/cli.js, made by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('clockhand: not built yet — run `npm run build` first\n');
  process.exit(1);
}
await import(cli.href);
