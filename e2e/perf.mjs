// Browser benchmark (on demand, not in CI): the playground under 1 000 messages per second for
// 60 s (the longest main-thread task and the memory before and after, from Chromium's
// performance APIs); then the 100-device house on the stage at the teaching speed and at the
// fastest speed for as long each (frames over 50 ms, median and p99 frame time, wasm memory).
// Last, the first load: every file a first visit fetches within 4 s without interaction, gzip -9
// (read from dist/: run from the repository's root).
// Usage: node e2e/perf.mjs BASE_URL [SECONDS] [house|flood] (only the 100-device house, or only the flood)
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, firstVisit } from './harness.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:8080/';
const seconds = Number(process.argv[3] ?? 60);
const only = process.argv[4];
const mb = (b) => (b / 1048576).toFixed(1);
const wasm = (t) => Number(/wasm_bytes=(\d+)/.exec(t)?.[1] ?? 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--enable-blink-features=ForceEagerMeasureMemory'],
});
if (only !== 'house') {
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.addInitScript(() => {
  window.__tasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__tasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
});
await page.goto(`${base}?lang=en&demo=flood`);
await page.waitForSelector('[data-testid="stats"]', { state: 'attached' });
// The flood's generator comes with a part of its own: its first sensor on the stage.
await page.waitForSelector('[data-testid="node-s0"]', { state: 'attached' });
const memory = () => page.evaluate(async () => {
  const js = performance.memory?.usedJSHeapSize ?? 0;
  let total = 0;
  if (crossOriginIsolated && performance.measureUserAgentSpecificMemory) {
    total = (await performance.measureUserAgentSpecificMemory()).bytes;
  }
  return { js, total };
});
const stats = async () => {
  const t = await page.textContent('[data-testid="stats"]');
  const sim = await page.textContent('[data-testid="sim-time"]');
  return { t, sim };
};
await page.waitForTimeout(15_000); // warm up: the log and the trace fill their bounds
const before = await memory();
const s0 = await stats();
const t0 = await page.evaluate(() => performance.now());
const samples = [];
for (let i = 0; i < seconds / 10; i++) {
  await page.waitForTimeout(10_000);
  samples.push(/wasm_bytes=(\d+)/.exec((await stats()).t)?.[1] ?? 0);
}
const after = await memory();
const s1 = await stats();
const tasks = await page.evaluate((t0) => window.__tasks.filter((x) => x.start >= t0), t0);
const longest = tasks.reduce((m, x) => Math.max(m, x.ms), 0);
console.log(`load: ${s0.t} at ${s0.sim} → ${s1.t} at ${s1.sim}`);
console.log(`long tasks (>50 ms) during ${seconds} s: ${tasks.length}; longest task: ${longest.toFixed(0)} ms`);
console.log(`wasm memory: ${mb(wasm(s0.t))} MB → ${mb(wasm(s1.t))} MB (every 10 s: ${samples.map((b) => mb(Number(b))).join(', ')} MB)`);
console.log(`JS heap: ${mb(before.js)} MB → ${mb(after.js)} MB; whole page (measureUserAgentSpecificMemory, includes wasm): ${mb(before.total)} MB → ${mb(after.total)} MB`);
await page.close();
}

// The 100-device house on the stage: every frame's time, from requestAnimationFrame.
if (only !== 'flood') {
const house = await browser.newPage({ viewport: { width: 1366, height: 768 } });
await house.goto(`${base}?lang=en&demo=house`);
await house.waitForSelector('[data-testid="node-hab19-mando"]');
for (const [name, speed] of [['teaching speed', 'teach'], ['fastest speed', null]]) {
  const value = speed ?? await house.$eval('[data-testid="speed"]', (s) => s.options[s.options.length - 1].value);
  await house.selectOption('[data-testid="speed"]', value);
  await house.waitForTimeout(2_000);
  const start = wasm(await house.textContent('[data-testid="stats"]'));
  const frames = await house.evaluate((ms) => new Promise((done) => {
    const times = [];
    let last = performance.now();
    const end = last + ms;
    const step = (now) => {
      times.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(step); else done(times);
    };
    requestAnimationFrame(step);
  }), seconds * 1000);
  const end = wasm(await house.textContent('[data-testid="stats"]'));
  frames.sort((a, b) => a - b);
  const at = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
  const slow = frames.filter((f) => f > 50).length;
  console.log(`house100 stage, ${name}, ${seconds} s: frames over 50 ms ${slow} (goal 0) of ${frames.length}; frame time median ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms; wasm memory ${mb(start)} MB → ${mb(end)} MB`);
}
}
for (const query of ['?lang=es', '?lang=es&demo=house']) {
  const { files, bytes } = await firstVisit(browser, base, query);
  console.log(`first load ${query}: ${(bytes / 1024).toFixed(1)} KB gzip in ${files.length} files (goal 350)`);
}
await browser.close();
