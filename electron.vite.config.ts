import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// main: the Electron composition root, the CLI (bin/clockhand.js imports out/main/cli.js) and the input-hook child
// script. Dependencies stay external (the native ones, better-sqlite3 and uiohook-napi, must: they load .node
// binaries from node_modules, rebuilt for Electron by electron-builder); our own code is bundled.
export default defineConfig({
  main: {
    build: {
      // cli.js and input-hook-child.js also run under plain Node (the agent, the CLI, the tests): target the oldest
      // Node we support, not the Node inside Electron 45 (electron-vite's default for it would be Node 24).
      target: 'node20.19',
      externalizeDeps: true,
      outDir: 'out/main',
      rollupOptions: {
        input: {
          'electron-main': resolve(import.meta.dirname, 'main/app/electron-main.ts'),
          cli: resolve(import.meta.dirname, 'main/app/cli.ts'),
          'input-hook-child': resolve(import.meta.dirname, 'native/input-hook/hook-child.ts'),
          'screenshot-worker': resolve(import.meta.dirname, 'main/adapters/node/screenshots/vault-worker.ts'),
          'screen-capture-worker': resolve(import.meta.dirname, 'native/screen-capture/capture-worker.ts'),
          // `npm run dev:browser`: the development harness (the runtime + the renderer over a local WebSocket).
          'dev-browser': resolve(import.meta.dirname, 'main/app/dev-browser.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads cannot load node_modules: bundle everything (only `electron` stays external).
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'preload/index.ts') },
        // A sandboxed preload runs as CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // The window's first render parses this bundle: minify it (bench/today-render.ts measures it).
      minify: true,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'renderer/index.html'),
          // The browser shim of the development harness, at a fixed name (only the harness's index.html loads it).
          'dev/browser-bridge': resolve(import.meta.dirname, 'renderer/dev/browser-bridge.ts'),
        },
        output: {
          entryFileNames: (chunk) => (chunk.name === 'dev/browser-bridge' ? '[name].js' : 'assets/[name]-[hash].js'),
        },
      },
    },
  },
});
