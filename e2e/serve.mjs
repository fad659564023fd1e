// A small static file server for dist/ (no dependencies), used by scripts/serve.sh and the
// end-to-end tests. Sends COOP/COEP so performance.now() has fine resolution.
// Usage: node e2e/serve.mjs DIR PORT [HOST]; other tests import staticFiles().
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * A request handler serving the files under `dir`; `extra` maps paths to bodies served
 * first (test pages).
 */
export function staticFiles(dir, extra = {}) {
  const root = resolve(dir);
  return async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (extra[path] !== undefined) {
        res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
        res.end(extra[path]);
        return;
      }
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) throw Object.assign(new Error('outside root'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': types[extname(file)] ?? 'application/octet-stream',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Cache-Control': 'no-cache',
      });
      res.end(body);
    } catch (e) {
      res.writeHead(e.code === 'ENOENT' || e.code === 'ENOTDIR' ? 404 : 500, { 'Content-Type': 'text/plain' });
      res.end(String(e.code ?? e));
    }
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = 'dist', port = '8080', host = '127.0.0.1'] = process.argv.slice(2);
  createServer(staticFiles(dir)).listen(Number(port), host, () =>
    console.log(`serving ${resolve(dir)} at http://${host}:${port}/`));
}
