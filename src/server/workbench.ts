// Serves the web workbench: the files Vite builds into dist/web (npm run build:web, which
// npm start runs first). Hashed assets are cached for good, a missing one is a 404; every other
// non-API path gets index.html, and the workbench's router takes it from there. The build writes
// each asset beside it compressed (.br, .gz), and the one the browser accepts is sent as it is.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

export const WEB_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Landfall</title></head>
<body><h1>Landfall</h1><p>The workbench has not been built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it), then reload.</p>
<p>The API is served under <code>/api</code> and described at <a href="/api/openapi.json">/api/openapi.json</a>.</p></body></html>`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Hono app, whatever its env
export function serveWorkbench(app: Hono<any>, webDir: string = WEB_DIR): void {
  app.all('/api/*', () => {
    throw new HTTPException(404, { message: 'No such API route.' });
  });
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set('cache-control', 'public, max-age=31536000, immutable');
  });
  // Made on first use, so a server started before the first build neither warns nor misses it.
  let files: MiddlewareHandler | undefined;
  const serveFiles: MiddlewareHandler = (c, next) => {
    if (!files && !existsSync(webDir)) return next();
    files ??= serveStatic({ root: webDir, precompressed: true });
    return files(c, next);
  };
  app.use('/assets/*', serveFiles);
  app.get('/favicon.svg', serveFiles);
  // A hashed file that is not there (an old page asking for the previous build's chunk) is a
  // plain 404 that nothing caches: index.html in its place would be cached for a year under
  // the asset's name and break the page until the cache is cleared.
  app.all('/assets/*', (c) => c.text('No such file.', 404, { 'cache-control': 'no-store' }));
  app.get('*', (c) => {
    const index = join(webDir, 'index.html');
    if (!existsSync(index)) return c.html(NOT_BUILT, 503);
    c.header('cache-control', 'no-cache');
    return c.html(readFileSync(index, 'utf8'));
  });
}
