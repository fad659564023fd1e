// End-to-end: the playground as a course uses it. An https course page embeds it in an
// <iframe> (a lesson by URL, in Spanish, solved there), share links reproduce a run in a fresh
// browser, a teacher's broken scenario is explained, scenario files go in and out, the
// glossary, a keyboard-only lesson, a sub-path deploy, and the time to interactive (printed).
// Serves dist/ itself over https with a throw-away certificate.
// Usage: node e2e/course.mjs OUT_DIR
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { byId, suite, tabTo as tabToId, walkSteps, walkStepsByKeys, watchErrors } from './harness.mjs';
import { staticFiles } from './serve.mjs';

const { out, browser } = await suite({ outArg: 2, after: () => server.close() });

// A certificate for 127.0.0.1 that lives only for this run.
const certDir = await mkdtemp(join(tmpdir(), 'mqtt-playground-tls-'));
execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
  '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
const tls = { key: await readFile(join(certDir, 'key.pem')), cert: await readFile(join(certDir, 'cert.pem')) };

const BROKEN = JSON.stringify({ version: 1, devices: [{ name: 'sensor', kind: { type: 'sensor', topic: 'Casa/+/Temperatura', interval_ms: 1000, model: { type: 'counter' } } }] });
const GOOD = JSON.stringify({ version: 1, seed: 5, devices: [
  { name: 'termo', kind: { type: 'sensor', topic: 'Aula/Temperatura', interval_ms: 1000, model: { type: 'counter' } } },
  { name: 'pantalla', kind: { type: 'dashboard', filters: [{ filter: 'Aula/#', qos: 1 }] } },
] });

// One https origin for the course page and the app (as on a school's server); the app is also
// served under a sub-path, as a static host would.
const app = staticFiles('dist', {
  '/fixtures/broken.json': BROKEN,
  '/fixtures/good.json': GOOD,
});
const sub = '/curso/mqtt';
const server = createServer(tls, (req, res) => {
  if (req.url === '/course.html') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="es"><head><title>Curso</title><link rel="icon" href="data:,"></head><body>
      <h1>Tema 3: MQTT</h1>
      <iframe id="pg" src="/?embed=1&lang=es&lesson=pubsub" title="MQTT Playground" width="100%" height="900" style="border:0"></iframe>
      </body></html>`);
    return;
  }
  if (req.url.startsWith(`${sub}/`)) req.url = req.url.slice(sub.length);
  app(req, res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `https://127.0.0.1:${server.address().port}`;


async function freshPage(viewport = { width: 1400, height: 1000 }) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  // Chromium registers no service worker from a server whose certificate it does not trust
  // (this test's throw-away one) and says so on the console: that line is the test's, not the
  // app's (a school's https server has a real certificate).
  const errors = watchErrors(page, { ignore: /An SSL certificate error occurred when fetching the script/ });
  return { context, page, errors, requests };
}

const stats = async (frame) => Object.fromEntries(
  (await frame.textContent(byId('stats'))).trim().split(/\s+/).map((kv) => kv.split('=')));

/** Pauses the run, reads its figures, and makes a share link through the share panel. */
async function pauseAndShare(page) {
  await page.click(byId('play'));
  const before = await stats(page);
  await page.click(`${byId('share-panel')} summary`);
  await page.click(byId('share-link'));
  await page.waitForSelector(byId('share-output'));
  return { before, link: await page.inputValue(byId('share-output')) };
}

test('an https course page embeds a lesson in Spanish; solving it turns the check green and is remembered', async () => {
  const { context, page, errors, requests } = await freshPage();
  await page.goto(`${origin}/course.html`);
  const frame = page.frameLocator('#pg');
  await frame.locator(byId('lesson-title')).waitFor();
  assert.match(await frame.locator(byId('lesson-title')).textContent(), /Publicar y suscribirse/);
  assert.equal(await frame.locator(byId('tagline')).isVisible(), false, 'compact: no tagline');
  assert.match(await frame.locator(byId('open-full')).getAttribute('href'), /lesson=pubsub/);
  assert.doesNotMatch(await frame.locator(byId('open-full')).getAttribute('href'), /embed/);
  await walkSteps(frame);
  assert.equal(await frame.locator(`${byId('goal-0')}`).getAttribute('data-done'), 'false');
  await frame.locator(byId('subscribe-device')).selectOption('panel');
  await frame.locator(byId('subscribe-filter')).fill('Casa/Cocina/Temperatura');
  await frame.locator(byId('subscribe-submit')).click();
  await frame.locator(`${byId('goal-0')}[data-done="true"]`).waitFor();
  await walkSteps(frame);
  await frame.locator(byId('lesson-passed')).waitFor();
  // A first pass is not "passed before" (#31); after a reload it is.
  assert.equal(await frame.locator(byId('passed-before')).isVisible(), false);
  assert.match(await frame.locator(byId('lessons-done')).textContent(), /1 de 13/);
  await frame.locator('body').evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${out}/embed-course-page.png` });
  // The progress survives a reload (localStorage) and shows in the lesson list.
  await page.reload();
  await frame.locator(byId('passed-before')).waitFor();
  assert.match(await frame.locator(`${byId('lesson-select')} option[value="pubsub"]`).textContent(), /^✔/);
  // In the real-broker view, an https page says only wss:// works here.
  await frame.locator(byId('mode-switch')).click();
  assert.match(await frame.locator(byId('wss-only')).textContent(), /solo funcionan brokers wss:\/\//);
  // Everything came from the page's own origin: no CDN, no third party.
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the iframe snippet names the lesson, view, language and seed', async () => {
  const { context, page, errors } = await freshPage();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.goto(`${origin}/?lang=en&lesson=retained&seed=9&view=broker`);
  await page.waitForSelector(byId('broker-panel'));
  await page.click(`${byId('share-panel')} summary`);
  await page.click(byId('share-iframe'));
  await page.waitForSelector(byId('share-output'));
  const snippet = await page.inputValue(byId('share-output'));
  assert.match(snippet, /^<iframe src="https:\/\/127\.0\.0\.1:\d+\/\?embed=1&amp;lang=en&amp;view=broker&amp;lesson=retained&amp;seed=9" title="MQTT Playground"/);
  await page.waitForFunction((sel) => /Copied|Select/.test(document.querySelector(sel)?.textContent ?? ''), byId('share-status'));
  const src = snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  await page.goto(src);
  await page.waitForSelector(byId('broker-panel'));
  assert.match(await page.textContent(byId('lesson-title')), /Retained/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a share link opened in a fresh browser reproduces the same trace, without the password typed', async () => {
  const { context, page, errors } = await freshPage();
  await page.goto(`${origin}/?lang=en`);
  await page.waitForSelector(byId('devices'));
  // Free play opens at the teaching speed: the fastest, for a few hundred events soon.
  await page.selectOption(byId('speed'), await page.$eval(byId('speed'), (s) => s.options[s.options.length - 1].value));
  // A fault and a password, then run a little and pause.
  await page.selectOption(byId('subscribe-device'), { index: 1 });
  await page.fill(byId('subscribe-filter'), 'Casa/#');
  await page.click(byId('subscribe-submit'));
  await page.waitForFunction((sel) => /events=([2-9]\d{2,}|\d{4,})/.test(document.querySelector(sel)?.textContent ?? ''), byId('stats'));
  const { before, link } = await pauseAndShare(page);
  assert.match(link, /#share=[A-Za-z0-9_-]+$/);
  const json = inflateRawSync(Buffer.from(link.split('#share=')[1], 'base64url')).toString();
  const share = JSON.parse(json);
  assert.equal(share.steps > 0, true);
  assert.equal(Number(before.now_ms), share.at_ms);
  await context.close();

  const fresh = await freshPage();
  await fresh.page.goto(link);
  await fresh.page.waitForFunction((sel) => /Shared run opened at/.test(document.querySelector(sel)?.textContent ?? ''), byId('notice-info'));
  const after = await stats(fresh.page);
  assert.equal(after.events, before.events, 'same number of events');
  assert.equal(after.last, before.last, 'same last event');
  assert.equal(after.now_ms, before.now_ms, 'same virtual time');
  assert.equal(after.published, before.published);
  // The run continues from there.
  await fresh.page.click(byId('play'));
  await fresh.page.waitForFunction((n) => Number(/events=(\d+)/.exec(document.querySelector('[data-testid="stats"]').textContent)[1]) > n, Number(before.events));
  assert.deepEqual([...errors, ...fresh.errors], []);
  await fresh.context.close();
});

test('a long run opens over several frames and still matches, event for event', async () => {
  const { context, page, errors } = await freshPage();
  // The load demo: 1 000 messages a second to two dashboards.
  await page.goto(`${origin}/?lang=en&demo=flood&seed=3`);
  await page.waitForSelector(byId('devices'));
  await page.waitForFunction((sel) => Number(/events=(\d+)/.exec(document.querySelector(sel).textContent)[1]) > 70000, byId('stats'), { timeout: 60_000 });
  const { before, link } = await pauseAndShare(page);
  await context.close();

  const fresh = await freshPage();
  // Record every notice, to see the progress line while it catches up.
  await fresh.page.addInitScript(() => {
    window.notices = [];
    new MutationObserver(() => {
      const n = document.querySelector('[data-testid="notice-info"]');
      if (n && window.notices.at(-1) !== n.textContent) window.notices.push(n.textContent);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await fresh.page.goto(link);
  await fresh.page.waitForFunction((sel) => /Shared run opened at/.test(document.querySelector(sel)?.textContent ?? ''), byId('notice-info'), { timeout: 60_000 });
  const after = await stats(fresh.page);
  assert.equal(after.events, before.events);
  assert.equal(after.last, before.last);
  assert.equal(after.now_ms, before.now_ms);
  const notices = await fresh.page.evaluate(() => window.notices);
  assert.ok(notices.some((n) => /Opening the shared run… \d+ %/.test(n)), notices.join(' | '));
  console.log(`long run: ${before.events} events, ${Number(before.now_ms) / 1000} s simulated, reopened through ${notices.length} notices`);
  assert.deepEqual([...errors, ...fresh.errors], []);
  await fresh.context.close();
});

test('a password typed in the simulation never reaches the share link', async () => {
  const { context, page, errors } = await freshPage();
  await page.goto(`${origin}/?lang=en&lesson=security`);
  await page.waitForSelector(byId('devices'));
  const editor = page.locator('[data-testid^="editor-"]').first();
  await editor.locator('summary').click();
  await editor.locator('input[type="password"]').fill('tecleada-123');
  await editor.locator('[data-testid^="credentials-apply"]').click();
  await page.click(`${byId('share-panel')} summary`);
  await page.click(byId('share-link'));
  await page.waitForSelector(byId('share-output'));
  const link = await page.inputValue(byId('share-output'));
  const json = inflateRawSync(Buffer.from(link.split('#share=')[1], 'base64url')).toString();
  assert.match(json, /set_credentials/);
  assert.doesNotMatch(json, /tecleada-123/);
  assert.doesNotMatch(link, /tecleada/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken scenario URL shows the field and the reason; a good one loads', async () => {
  for (const [lang, needle] of [['es', /No se pudo cargar el escenario: devices\[0\]\.kind\.topic: .*comod/], ['en', /could not be loaded: devices\[0\]\.kind\.topic: .*wildcard/]]) {
    const { context, page, errors } = await freshPage();
    await page.goto(`${origin}/?lang=${lang}&scenario=/fixtures/broken.json`);
    await page.waitForSelector(byId('notice-error'));
    assert.match(await page.textContent(byId('notice-error')), needle);
    assert.equal(await page.getAttribute(byId('notice'), 'role'), 'alert');
    // The default run is still there and usable.
    await page.waitForSelector(byId('devices'));
    if (lang === 'es') {
      await page.screenshot({ path: `${out}/broken-scenario.png` });
      // The notice on screen follows the language switch, field and reason included.
      await page.click(`${byId('lang-switch')} [aria-pressed=false]`);
      await page.waitForFunction(() => /could not be loaded: devices\[0\]\.kind\.topic: .*wildcard/.test(document.querySelector('[data-testid="notice-error"]')?.textContent ?? ''));
    }
    await page.click(byId('notice-dismiss'));
    assert.equal(await page.locator(byId('notice')).count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  }
  const { context, page, errors } = await freshPage();
  await page.goto(`${origin}/?lang=es&scenario=/fixtures/good.json`);
  await page.waitForSelector(byId('notice-info'));
  await page.waitForSelector(byId('device-values-pantalla'));
  await page.waitForFunction((sel) => /Aula\/Temperatura/.test(document.querySelector(sel)?.textContent ?? ''), byId('device-values-pantalla'));
  // A missing file is explained too.
  await page.goto(`${origin}/?lang=en&scenario=/fixtures/none.json`);
  await page.waitForSelector(byId('notice-error'));
  assert.match(await page.textContent(byId('notice-error')), /HTTP 404/);
  // A server that does not answer (or refuses CORS) is explained, not just "Failed to fetch".
  await page.goto(`${origin}/?lang=es&scenario=${encodeURIComponent('http://127.0.0.1:9/x.json')}`);
  await page.waitForSelector(byId('notice-error'));
  assert.match(await page.textContent(byId('notice-error')), /no se pudo descargar .*CORS/);
  assert.deepEqual(errors.filter((e) => !/404|Failed to load|ERR_|Mixed Content|blocked/.test(e)), []);
  await context.close();
});

test('scenario files: a bad one is refused and the run kept, a good one opens, the export has no password', async () => {
  const { context, page, errors } = await freshPage();
  await page.goto(`${origin}/?lang=en&lesson=security`);
  await page.waitForSelector(byId('devices'));
  // The lesson's house arrives with its part: count once it is there.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="device-"]').length > 0);
  await page.click(`${byId('share-panel')} summary`);
  const before = await page.locator('[data-testid^="device-"]').count();
  await page.setInputFiles(byId('import-scenario'), { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "devices": [') });
  await page.waitForSelector(byId('notice-error'));
  assert.match(await page.textContent(byId('notice-error')), /not valid JSON.*unchanged/);
  assert.equal(await page.locator('[data-testid^="device-"]').count(), before);
  const download = page.waitForEvent('download');
  await page.click(byId('export-scenario'));
  const file = await (await download).createReadStream();
  let text = '';
  for await (const chunk of file) text += chunk;
  const exported = JSON.parse(text);
  assert.equal(exported.version, 1);
  assert.ok(exported.devices.every((d) => !d.password), 'no device password');
  assert.ok(Object.values(exported.broker.users ?? {}).every((p) => p === ''), 'no broker password');
  await page.setInputFiles(byId('import-scenario'), { name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(GOOD) });
  await page.waitForSelector(byId('notice-info'));
  await page.waitForSelector(byId('device-values-pantalla'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('glossary words explain themselves on focus and hover, in both languages', async () => {
  const { context, page, errors } = await freshPage();
  await page.goto(`${origin}/?lang=es`);
  await page.waitForSelector(byId('publish-form'));
  const qos = page.locator(`${byId('publish-form')} ${byId('term-qos')}`);
  await qos.focus();
  const tip = page.locator(`${byId('publish-form')} .term:has([data-testid="term-qos"]) .tip`);
  assert.equal(await tip.isVisible(), true);
  assert.match(await tip.textContent(), /como mucho una vez/);
  const described = await qos.getAttribute('aria-describedby');
  assert.equal(await page.locator(`#${described}`).count(), 1, 'the description is unique');
  await page.mouse.move(0, 0);
  await page.locator(byId('term-broker')).hover();
  assert.match(await page.locator('.term:has([data-testid="term-broker"]) .tip').textContent(), /servidor/);
  await page.click(`${byId('lang-switch')} [aria-pressed=false]`);
  // English comes first (its texts are a part of their own), then the page speaks it.
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.locator(byId('term-broker')).hover();
  assert.match(await page.locator('.term:has([data-testid="term-broker"]) .tip').textContent(), /server that receives/);
  await page.click(`${byId('glossary')} summary`);
  assert.equal(await page.locator(`${byId('glossary')} dt`).count(), 8);
  await page.screenshot({ path: `${out}/glossary.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: choose a lesson, subscribe, and pass it', async () => {
  const { context, page, errors } = await freshPage();
  await page.goto(`${origin}/?lang=en`);
  await page.waitForSelector(byId('lesson-select'));
  const tabTo = (id) => tabToId(page, id);
  await tabTo('lesson-select');
  // Free play is first; the first lesson is one step down.
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector(byId('lesson-title'));
  assert.match(await page.textContent(byId('lesson-title')), /Publish and subscribe/);
  // Read on and predict with the keys, up to the step done on the stage.
  await walkStepsByKeys(page);
  await tabTo('subscribe-device');
  for (let i = 0; i < 6 && await page.inputValue(byId('subscribe-device')) !== 'panel'; i++) {
    await page.keyboard.press('ArrowDown');
  }
  assert.equal(await page.inputValue(byId('subscribe-device')), 'panel');
  await tabTo('subscribe-filter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Casa/Cocina/Temperatura');
  await page.keyboard.press('Enter');
  await page.waitForSelector(`${byId('goal-0')}[data-done="true"]`);
  await walkStepsByKeys(page);
  await page.waitForSelector(byId('lesson-passed'));
  await tabTo('reset-progress');
  assert.deepEqual(errors, []);
  await context.close();
});

test('dist/ works from a sub-path, and the time to interactive is printed', async () => {
  const { context, page, errors, requests } = await freshPage();
  await page.goto(`${origin}${sub}/?lang=es&lesson=queue`);
  await page.waitForSelector(byId('lesson-title'));
  assert.ok(requests.filter((u) => /\.(wasm|js|css)$/.test(u)).every((u) => u.startsWith(`${origin}${sub}/`)), 'assets load from the sub-path');
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { load: nav.loadEventEnd, dcl: nav.domContentLoadedEventEnd, ready: window.mqttPlaygroundReady };
  });
  const after = Math.max(0, timing.ready - timing.load);
  console.log(`time to interactive: ${timing.ready.toFixed(0)} ms from navigation (DOM ready ${timing.dcl.toFixed(0)} ms, load event ${timing.load.toFixed(0)} ms); interactive ${after.toFixed(0)} ms after load (goal 300 ms)`);
  assert.ok(timing.ready > 0);
  assert.deepEqual(errors, []);
  await context.close();
});
