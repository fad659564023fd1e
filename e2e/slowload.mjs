// Benchmark (scripts/bench.sh, not the test command): the first screen as a student's browser
// sees it. dist/ is served with gzip as any static host does, on 127.0.0.1; Chromium starts cold
// under Lighthouse's mobile profile (1.6 Mbps down, 750 kbps up, 150 ms round trip, CPU 4×
// slower) and its desktop profile (10 Mbps, 40 ms), opens `?lang=es&lesson=pubsub`, and the
// clock stops when the lesson's first step, the stage's devices and the publish button are there.
// The page's own clock says when, from the navigation's start (as Lighthouse times a page);
// the harness's clock, which also counts starting the navigation and polling a throttled page
// for the three, is printed beside it. A second visit (the service worker has the build) is
// timed on the mobile profile.
// Usage: node e2e/slowload.mjs [RUNS]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from './harness.mjs';

const runs = Number(process.argv[2] ?? 5);
const root = resolve('dist');
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
};
const gzipped = new Map();
const server = createServer(async (req, res) => {
  try {
    let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
    if (path === '' || path.endsWith('/')) path += 'index.html';
    const file = join(root, path);
    if (!file.startsWith(root) || !(await stat(file)).isFile()) throw new Error('no file');
    const type = types[extname(file)] ?? 'application/octet-stream';
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    let body = await readFile(file);
    if (gzip) {
      if (!gzipped.has(file)) gzipped.set(file, gzipSync(body, { level: 9 }));
      body = gzipped.get(file);
    }
    res.writeHead(200, { 'content-type': type, ...(gzip ? { 'content-encoding': 'gzip' } : {}), 'cache-control': 'no-cache' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/?lang=es&lesson=pubsub`;

const PROFILES = {
  mobile: { latency: 150, down: 1.6e6 / 8, up: 750e3 / 8, cpu: 4 },
  desktop: { latency: 40, down: 10e6 / 8, up: 10e6 / 8, cpu: 1 },
};

/** In the page: when the first screen is usable (`window.firstScreenMs`, from the navigation's start). */
function watchFirstScreen() {
  const parts = ['step-0', 'node-panel', 'publish-submit'].map((id) => `[data-testid="${id}"]`);
  const seen = new MutationObserver(() => {
    if (parts.every((p) => document.querySelector(p))) {
      window.firstScreenMs = performance.now();
      seen.disconnect();
    }
  });
  seen.observe(document, { childList: true, subtree: true });
}

/** Opens the page under a profile; the milliseconds until the first screen is usable, by the
 * page's clock and by the harness's. */
async function visit(context, profile) {
  const page = await context.newPage();
  await page.addInitScript(watchFirstScreen);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: profile.latency, downloadThroughput: profile.down, uploadThroughput: profile.up,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  let requests = 0;
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { requests += 1; bytes += e.encodedDataLength; });
  const start = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector('[data-testid="step-0"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="node-panel"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="publish-submit"]', { timeout: 60_000 });
  const wall = Date.now() - start;
  const ms = Math.round(await page.waitForFunction(() => window.firstScreenMs).then((h) => h.jsonValue()));
  return { page, cdp, ms, wall, requests, kb: bytes / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await launch();
for (const [name, profile] of Object.entries(PROFILES)) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const r = await visit(context, profile);
    results.push(r);
    await context.close();
  }
  const m = results.find((r) => r.ms === median(results.map((x) => x.ms)));
  const wall = median(results.map((r) => r.wall));
  console.log(`first screen ${name}: median ${m.ms} ms (${runs} cold runs), ${m.requests} requests, ${m.kb.toFixed(1)} KB on the wire (harness: ${wall} ms)`);
}
// A second visit: the first one's service worker (registered 5 s after load) has the build.
const seconds = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const first = await visit(context, PROFILES.desktop);
  await first.page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 60_000 });
  await first.page.close();
  const again = await visit(context, PROFILES.mobile);
  seconds.push(again);
  await context.close();
}
const again = (key) => median(seconds.map((r) => r[key]));
console.log(`second visit mobile: median ${again('ms')} ms (harness: ${again('wall')} ms)`);
await browser.close();
server.close();
