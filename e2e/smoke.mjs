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
