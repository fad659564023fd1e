// End-to-end smoke test: the release bundle renders, switches language, and shows the error
// panel instead of a blank page after a panic. Usage: node e2e/smoke.mjs BASE_URL OUT_DIR
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byId, suite, watchErrors } from './harness.mjs';

const { base, out, browser } = await suite();

test('the app renders in Spanish and the switch changes it to English', async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=es`);
  await page.waitForSelector(byId('app-title'));
  assert.equal(await page.textContent(byId('app-title')), 'MQTT Playground');
  const es = await page.textContent(byId('tagline'));
  assert.match(es, /Aprende MQTT/);
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  await page.screenshot({ path: `${out}/app-es.png`, fullPage: true });

  await page.click(`${byId('lang-switch')} [aria-pressed=false]`);
  await page.waitForFunction((sel) => /Learn MQTT/.test(document.querySelector(sel)?.textContent ?? ''), byId('tagline'));
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(page.url(), /lang=en/);
  await page.screenshot({ path: `${out}/app-en.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the language defaults to the browser language', async () => {
  const context = await browser.newContext({ locale: 'es-ES' });
  const page = await context.newPage();
  await page.goto(base);
  await page.waitForSelector(byId('tagline'));
  assert.match(await page.textContent(byId('tagline')), /Aprende MQTT/);
  await context.close();
});

test('a panic shows a readable error panel with a reload link', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}?lang=es&selftest=panic`);
  await page.waitForSelector(byId('crash-panel'));
  const panel = await page.textContent(byId('crash-panel'));
  assert.match(panel, /Algo ha fallado/);
  assert.match(panel, /self-test panic/);
  const href = await page.getAttribute(byId('crash-reload'), 'href');
  assert.match(href, /lang=es/);
  await page.screenshot({ path: `${out}/crash-panel.png` });
  await page.close();
});

test('each language\'s texts come with it: one language at first, another when it is chosen; one that cannot come says so', async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const errors = watchErrors(page);
  const catalogues = [];
  page.on('request', (r) => { const m = r.url().match(/split_catalogue_([a-z]+)-/); if (m) catalogues.push(m[1]); });
  await page.goto(`${base}?lang=es`);
  await page.waitForSelector(byId('tagline'));
  assert.deepEqual(catalogues, ['es'], 'a first visit fetches its own language only');
  await page.fill(byId('publish-topic'), 'Casa/Jardin/Riego');
  // English cannot come (offline): the page says so in Spanish and stays as it was.
  await page.route(/split_catalogue_en-/, (route) => route.abort());
  await page.click(byId('lang-en'));
  await page.waitForSelector(byId('notice-error'));
  assert.match(await page.textContent(byId('notice-error')), /No se pudieron descargar los textos de ese idioma/);
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  assert.equal(await page.inputValue(byId('publish-topic')), 'Casa/Jardin/Riego');
  // Back online, the same button switches.
  await page.unroute(/split_catalogue_en-/);
  await page.click(byId('lang-en'));
  await page.waitForFunction((sel) => /Learn MQTT/.test(document.querySelector(sel)?.textContent ?? ''), byId('tagline'));
  assert.deepEqual(catalogues, ['es', 'en', 'en']);
  assert.equal(await page.inputValue(byId('publish-topic')), 'Casa/Jardin/Riego');
  assert.ok(errors.every((e) => /split_catalogue_en|Failed to fetch|ERR_FAILED/.test(e)), errors.join('\n'));
  await page.close();
  // A first visit whose language cannot come: a plain message in both languages, and a link
  // that loads the page again.
  const cut = await browser.newPage();
  await cut.route(/split_catalogue_/, (route) => route.abort());
  await cut.goto(`${base}?lang=es`);
  await cut.waitForSelector(byId('unreachable'));
  assert.match(await cut.textContent(byId('unreachable')), /No se pudo cargar la página.*The page could not load/);
  assert.match(await cut.getAttribute(`${byId('unreachable')} a`, 'href'), /lang=es/);
  await cut.close();
});

test('a lesson asks for its steps\' code and its file beside its language\'s words, not after them', async () => {
  // The words are held back: the lesson's part and file must be on their way meanwhile (a
  // chain of one after another costs a slow line a round trip and more each).
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/split_catalogue_es-/, async (route) => { await held; await route.continue(); });
  const asked = Promise.all([/split_lesson_steps-/, /01-pubsub\.json$/].map((url) => page.waitForRequest(url, { timeout: 15_000 })));
  await page.goto(`${base}?lang=es&lesson=pubsub`, { waitUntil: 'commit' });
  await asked;
  assert.equal(await page.locator(byId('publish-submit')).count(), 0, 'the words were held: nothing is mounted yet');
  release();
  await page.waitForSelector(byId('step-0'));
  await page.waitForSelector(byId('node-panel'));
  await page.close();
});

test('the views a first screen does not show bring their stylesheet when one first opens, once', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchErrors(page);
  const sheets = [];
  page.on('request', (r) => { if (/views[-.][^/]*css/.test(r.url())) sheets.push(r.url()); });
  await page.goto(`${base}?lang=es`);
  await page.waitForSelector(byId('tagline'));
  await page.waitForTimeout(1500);
  assert.deepEqual(sheets, [], 'a first visit does not fetch it');
  // The builder opens: its sheet comes, and its rules apply (the builder is a column of parts).
  await page.click(byId('build-open'));
  await page.waitForSelector(byId('builder'));
  await page.waitForFunction((sel) => getComputedStyle(document.querySelector(sel)).display === 'flex', byId('builder'));
  assert.equal(sheets.length, 1);
  // Named by its contents, as the page's meta says (the development server's is plain).
  const named = await page.getAttribute('meta[name="views-css"]', 'content');
  assert.ok(sheets[0].endsWith(named), `${sheets[0]} is ${named}`);
  // Closed and opened again: the sheet stays, and is not fetched twice.
  await page.click(byId('build-open'));
  await page.click(byId('build-open'));
  await page.waitForSelector(byId('builder'));
  assert.equal(sheets.length, 1);
  assert.equal(await page.locator('link[rel="stylesheet"][href*="views"]').count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});
