import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The API serves the built console at /console (src/server/console.ts), so assets are built with
// that base. `npm run console:dev` serves it with hot reload and proxies the API to API_URL.
export default defineConfig({
  root,
  base: '/console/',
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  oxc: { jsx: { runtime: 'automatic' } },
  server: {
    proxy: { '/graphql': { target: process.env.API_URL ?? 'http://127.0.0.1:4000', ws: true } },
  },
});
