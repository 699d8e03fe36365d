// A tiny static file server for dist/, for the end-to-end tests and the benchmark.
// Serves only files under the root, with correct MIME types, and never lists directories.
// With a `prefix` such as '/waker-playground/', it serves the root under that path only, as a
// project page or a docs site would (a request for the bare prefix without '/' is redirected).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
};

// Text and wasm, which a static host compresses (binary images are already compressed).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.svg', '.json', '.md']);

/** The body compressed as a static host sends it: brotli at quality 11, or gzip -9. */
export function compressed(body, encoding) {
  if (encoding === 'br') return brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } });
  if (encoding === 'gzip') return gzipSync(body, { level: 9 });
  return body;
}

// `encodings` (for example ['br', 'gzip']) makes the server compress as a static host does: the
// first of them that the request's Accept-Encoding names, once per file (kept in memory).
export function serve(root, port = 0, host = '127.0.0.1', extraHeaders = {}, prefix = '/', encodings = []) {
  const base = resolve(root);
  const cache = new Map();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === prefix.replace(/\/$/, '') && prefix !== '/') {
        res.writeHead(301, { location: prefix + url.search }).end();
        return;
      }
      if (!url.pathname.startsWith(prefix)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      let path = normalize(join(base, decodeURIComponent(url.pathname.slice(prefix.length - 1))));
      if (path !== base && !path.startsWith(base + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      let info = await stat(path).catch(() => null);
      if (info && info.isDirectory()) {
        path = join(path, 'index.html');
        info = await stat(path).catch(() => null);
      }
      if (!info) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      let body = await readFile(path);
      const accepted = (req.headers['accept-encoding'] || '').split(',').map((e) => e.trim().split(';')[0]);
      const encoding = COMPRESSIBLE.has(extname(path)) ? encodings.find((e) => accepted.includes(e)) : undefined;
      if (encoding) {
        const key = `${encoding} ${path} ${info.mtimeMs} ${info.size}`;
        if (!cache.has(key)) cache.set(key, compressed(body, encoding));
        body = cache.get(key);
      }
      const headers = {
        ...(encoding ? { 'content-encoding': encoding, vary: 'accept-encoding' } : {}),
        'content-type': TYPES[extname(path)] || 'application/octet-stream',
        'cache-control': 'no-store',
        // Sandboxed iframes (opaque origin) load the app's files cross-origin.
        'access-control-allow-origin': '*',
        ...extraHeaders,
      };
      // A header given as null is left out (to play a host that does not send it).
      for (const k of Object.keys(headers)) if (headers[k] === null) delete headers[k];
      res.writeHead(200, headers);
      res.end(body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] || 'dist';
  const port = Number(process.argv[3] || 8080);
  const prefix = process.argv[4] || '/';
  const server = await serve(root, port, '127.0.0.1', {}, prefix);
  console.log(`serving ${root} on http://127.0.0.1:${server.address().port}${prefix}`);
}
