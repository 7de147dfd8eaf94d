import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';

/**
 * Where `npm run build` puts the console. From src/server (ts-jest) and from dist/server (built)
 * alike, two levels up is the repository root.
 */
export const CONSOLE_DIR = path.resolve(__dirname, '..', '..', 'dist', 'console');

// The console talks only to this origin's /graphql (HTTP and WebSocket); nothing else may load.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self' ws: wss:",
  "img-src 'self' data: https:",
  "style-src 'self' 'unsafe-inline'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Serves the built web console at /console, or says how to build it when it is missing. */
export function mountConsole(app: Express, dir = CONSOLE_DIR): void {
  const index = path.join(dir, 'index.html');
  app.use('/console', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  app.use(
    '/console',
    express.static(dir, {
      index: false,
      fallthrough: true,
      // Built assets have content hashes in their names; index.html (below) never is cached.
      setHeaders(res, file) {
        res.setHeader('Cache-Control', path.basename(file) === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    }),
  );
  // A missing asset is a 404, not the page: a browser would otherwise try to run HTML as a script.
  app.get('/console/assets/{*rest}', (_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  app.get(['/console', '/console/{*rest}'], (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send('The console is not built. Run `npm run build` (npm start does it for you).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
