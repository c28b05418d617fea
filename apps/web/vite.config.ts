import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const lib = (name: string) =>
  fileURLToPath(new URL(`../../libs/${name}/src/index.ts`, import.meta.url));

/**
 * The browser client. `npm run build` writes it to dist/web, which the Nest server serves at `/`;
 * `npm run dev:web` serves it with hot reload and forwards API and socket traffic to a server
 * running on :3000 (`npm run start:dev`).
 */
export default defineConfig({
  root,
  base: '/',
  resolve: {
    alias: {
      '@podroom/simulation': lib('simulation'),
      '@podroom/contracts': lib('contracts'),
      '@podroom/quiz': lib('quiz'),
    },
  },
  // Preact through Vite's own JSX transform (Oxc): no Babel, no framework plugin.
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      '/socket.io': { target: 'http://localhost:3000', ws: true },
      // Every route prefix of the HTTP API (docs/protocol.md).
      ...Object.fromEntries(
        ['/health', '/docs', '/auth', '/lessons', '/rooms', '/classes', '/sessions'].map(
          (prefix) => [prefix, 'http://localhost:3000'],
        ),
      ),
    },
  },
});
