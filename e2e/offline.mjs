// Offline use and installing (issue #35, points 3 and 4): after a first visit the service worker has the whole build;
// with the network cut (Chromium offline), a reload still opens the playground, a lesson opens
// and passes, and the real-broker view says it needs the network. A newer build served later is
// announced ("a new version is ready"); after the reload every file comes from it, never a mix.
// A build with a file missing is not installed at all. It serves copies of dist/ itself,
// switching from one build to another.
// Usage: node e2e/offline.mjs OUT_DIR
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessible, byId, fresh, suite, walkSteps } from './harness.mjs';
import { staticFiles } from './serve.mjs';

const work = await mkdtemp(join(tmpdir(), 'offline-'));
// Build A is dist/ as built; build B is the same with its stylesheet and service worker changed,
// as a new release would be.
const buildA = join(work, 'a');
const buildB = join(work, 'b');
await cp('dist', buildA, { recursive: true });
await cp('dist', buildB, { recursive: true });
const css = (await readdir(buildB)).find((f) => f.endsWith('.css'));
const before = await readFile(join(buildB, css));
const after = Buffer.concat([before, Buffer.from('\n/* build B */\n')]);
await writeFile(join(buildB, css), after);
// Its index.html names the new stylesheet's digest (Trunk writes subresource integrity).
const digest = (b) => `sha384-${createHash('sha384').update(b).digest('base64')}`;
const index = await readFile(join(buildB, 'index.html'), 'utf8');
assert.ok(index.includes(digest(before)), 'index.html carries the stylesheet digest');
await writeFile(join(buildB, 'index.html'), index.replace(digest(before), digest(after)));
const sw = await readFile(join(buildB, 'sw.js'), 'utf8');
await writeFile(join(buildB, 'sw.js'), sw.replace(/const VERSION = '([^']*)'/, "const VERSION = '$1-b'"));

// Build C is build A with one file missing halfway through the worker's list (a deploy whose
// upload broke off): a part no first screen needs.
const buildC = join(work, 'c');
await cp('dist', buildC, { recursive: true });
const listed = JSON.parse((await readFile(join(buildC, 'sw.js'), 'utf8')).match(/const FILES = (\[[^\]]*\])/)[1]);
const missing = listed.filter((f) => /^split_class-/.test(f))[0];
assert.ok(missing, 'the worker lists the class part');
await rm(join(buildC, missing));

let root = buildA;
const server = createServer((req, res) => staticFiles(root)(req, res));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
// The same build deployed in a course site's folder (a sub-path), as a school's web host has it.
const folder = '/cursos/mqtt/';
const nested = createServer((req, res) => {
  if (!req.url.startsWith(folder)) {
    res.writeHead(404).end();
    return;
  }
  req.url = `/${req.url.slice(folder.length)}`;
  staticFiles(buildA)(req, res);
});
await new Promise((r) => nested.listen(0, '127.0.0.1', r));
const nestedBase = `http://127.0.0.1:${nested.address().port}${folder}`;
const { out, browser } = await suite({
  outArg: 2,
  after: async () => {
    nested.close();
    server.close();
    await rm(work, { recursive: true, force: true });
  },
});

/** Waits until the service worker controls the page (it registers a few seconds after load). */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
}

test('offline after a first visit: the playground reloads, a lesson passes, the real broker says it needs the network', async () => {
  root = buildA;
  const { context, page, errors } = await fresh(browser, { locale: 'es-ES' });
  await page.goto(`${base}?lang=es&lesson=pubsub`);
  await page.waitForSelector(byId('lesson-title'));
  await controlled(page);
  // Installable: Chromium finds the Spanish manifest valid and nothing missing (a test's
  // browser profile is incognito, where nothing installs: that one reason is the test's).
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.match(manifest.url, /manifest\.es\.webmanifest$/);
  assert.deepEqual(manifest.errors, []);
  assert.equal(JSON.parse(manifest.data).lang, 'es');
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), []);
  await cdp.detach();
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector(byId('lesson-title'));
  await walkSteps(page);
  await page.selectOption(byId('subscribe-device'), 'panel');
  await page.fill(byId('subscribe-filter'), 'Casa/Cocina/Temperatura');
  await page.click(byId('subscribe-submit'));
  await page.waitForSelector(`${byId('goal-0')}[data-done="true"]`, { timeout: 30_000 });
  await walkSteps(page);
  await page.waitForSelector(byId('lesson-passed'), { timeout: 30_000 });
  await page.screenshot({ path: `${out}/offline-lesson.png` });
  // Another lesson, and free play, open offline too (their texts were cached).
  await page.goto(`${base}?lang=es&lesson=retained`);
  await page.waitForSelector(byId('lesson-intro'));
  await page.goto(`${base}?lang=es&mode=real`);
  await page.waitForSelector(byId('needs-network'));
  assert.match(await page.textContent(byId('needs-network')), /necesitan la red/);
  await accessible(page, byId('real-connect'));
  await page.screenshot({ path: `${out}/offline-real.png` });
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e)), []);
  await context.close();
});

test('a newer build is announced, and after the reload every file comes from it', async () => {
  root = buildA;
  const { context, page, errors } = await fresh(browser, { locale: 'es-ES' });
  await page.goto(`${base}?lang=es`);
  await page.waitForSelector(byId('app-title'));
  await controlled(page);
  const cssOf = () => page.evaluate(async () => {
    const href = document.querySelector('link[rel=stylesheet]').getAttribute('href');
    return (await fetch(href)).text();
  });
  assert.ok(!(await cssOf()).includes('build B'));
  // The new release is deployed; the page's next check finds it.
  root = buildB;
  await page.reload();
  await page.waitForSelector(byId('update-notice'), { timeout: 30_000 });
  assert.match(await page.textContent(byId('update-notice')), /versión nueva/);
  await accessible(page, byId('update-notice'));
  // Until the reload, the running build is served whole (never a mix).
  assert.ok(!(await cssOf()).includes('build B'));
  await page.screenshot({ path: `${out}/update-notice.png` });
  await Promise.all([page.waitForEvent('load'), page.click(byId('update-reload'))]);
  await page.waitForSelector(byId('app-title'));
  assert.ok((await cssOf()).includes('build B'), 'the new build after the reload');
  const version = await page.evaluate(async () => (await (await fetch('sw.js')).text()).match(/const VERSION = '([^']*)'/)[1]);
  assert.match(version, /-b$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a build with a file missing is not installed: no half-filled cache, and the page works online', async () => {
  root = buildC;
  const { context, page, errors } = await fresh(browser, { locale: 'es-ES' });
  await page.goto(`${base}?lang=es`);
  await page.waitForSelector(byId('app-title'));
  // The worker registers a few seconds after load, stores file after file, and gives up.
  const outcome = await page.evaluate(() => new Promise((done) => {
    const watch = (worker) => worker.addEventListener('statechange', () => {
      if (['redundant', 'installed', 'activated'].includes(worker.state)) done(worker.state);
    });
    const look = async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      if (reg?.installing) watch(reg.installing);
      else if (reg?.waiting || reg?.active) done('installed');
      else setTimeout(look, 50);
    };
    look();
  }));
  assert.equal(outcome, 'redundant', 'the install failed');
  assert.deepEqual((await page.evaluate(() => caches.keys())).filter((k) => k.startsWith('mqtt-playground-')), []);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
  await page.fill(byId('publish-topic'), 'Casa/Salon/Luz');
  assert.equal(await page.inputValue(byId('publish-topic')), 'Casa/Salon/Luz');
  assert.deepEqual(errors, []);
  await context.close();
  root = buildA;
});

test('deployed under a sub-path, the service worker keeps to its folder and the playground reloads offline', async () => {
  const { context, page, errors } = await fresh(browser, { locale: 'es-ES' });
  await page.goto(`${nestedBase}?lang=es`);
  await page.waitForSelector(byId('app-title'));
  await controlled(page);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(new URL(scope).pathname, folder);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector(byId('node-luz-salon'));
  await page.goto(`${nestedBase}?lang=es&lesson=pubsub`);
  await page.waitForSelector(byId('lesson-title'));
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e)), []);
  await context.close();
});
