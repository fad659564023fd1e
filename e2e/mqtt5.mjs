// End-to-end: the MQTT 5 lessons in headless Chromium. Lesson 13 (request / response) solved
// through the publish form's MQTT 5 fields, its texts fetched with the lesson and switched
// with the language, the broker tab showing what each 5.0 client agreed, a journey explaining
// its acknowledgement's reason code, every view passing axe-core; screenshots at 1366×768 and
// 390×844.
// Usage: node e2e/mqtt5.mjs BASE_URL OUT_DIR
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessible, byId, suite, walkSteps, watchErrors } from './harness.mjs';

const { base, out, browser } = await suite();

async function open(query, viewport = { width: 1366, height: 768 }) {
  const page = await browser.newPage({ viewport });
  const errors = watchErrors(page);
  await page.goto(`${base}?${query}`);
  // (On a phone the lesson is a part of the bar: there, not necessarily in sight.)
  await page.waitForSelector(byId('lesson-intro'), { state: 'attached' });
  return { page, errors };
}

/** Publishes from the form, with the MQTT 5 fields given. */
async function ask(page, correlation) {
  await page.selectOption(byId('publish-device'), 'panel');
  await page.fill(byId('publish-topic'), 'Casa/Termostato/Consulta');
  await page.fill(byId('publish-payload'), 'consigna?');
  await page.selectOption(byId('publish-qos'), '1');
  await page.fill(byId('publish-response-topic'), 'Casa/Panel/Respuesta');
  await page.fill(byId('publish-correlation'), correlation);
  await page.click(byId('publish-submit'));
}

test('lesson 13: two questions in flight, told apart by their correlation data', async () => {
  const { page, errors } = await open('lang=es&lesson=request');
  assert.match(await page.textContent(byId('lesson-title')), /Petición y respuesta/);
  assert.match(await page.textContent(byId('lesson-intro')), /Correlation Data/);
  await walkSteps(page);
  assert.equal(await page.getAttribute(byId('goal-0'), 'data-done'), 'false');
  // The MQTT 5 fields show for a 5.0 device; a bad response topic is refused, text kept.
  await page.selectOption(byId('publish-device'), 'panel');
  await page.waitForSelector(byId('publish-props5'));
  await page.fill(byId('publish-response-topic'), 'Casa/+/Respuesta');
  assert.match(await page.textContent(byId('publish-error')), /Tema de respuesta/);
  assert.equal(await page.isDisabled(byId('publish-submit')), true);
  assert.equal(await page.inputValue(byId('publish-response-topic')), 'Casa/+/Respuesta');
  await ask(page, 'p1');
  await ask(page, 'p2');
  await page.waitForSelector(`${byId('goal-0')}[data-done="true"]`);
  await page.waitForSelector(`${byId('goal-1')}[data-done="true"]`, { timeout: 20_000 });
  await walkSteps(page);
  await page.waitForSelector(byId('lesson-passed'));
  await accessible(page, 'body');
  await page.screenshot({ path: `${out}/mqtt5-lesson-request.png` });
  // The language switch reads the other half of the lesson's text file.
  await page.click(`${byId('lang-switch')} [aria-pressed=false]`);
  await page.waitForFunction((sel) => /Response Topic/.test(document.querySelector(sel)?.textContent ?? ''), byId('lesson-intro'));
  // The goals follow the same switch (their texts may come a frame after the intro's).
  await page.waitForFunction((sel) => /Two questions at once/.test(document.querySelector(sel)?.textContent ?? ''), byId('goal-1'));
  assert.match(await page.textContent(byId('goal-1')), /Two questions at once/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the broker tab shows what each 5.0 client agreed, in es and en', async () => {
  const { page, errors } = await open('lang=es&lesson=expiry&view=broker');
  await page.waitForSelector(byId('broker-panel'));
  const agreed = page.locator(byId('agreed-movil'));
  await agreed.waitFor();
  const text = await agreed.textContent();
  assert.match(text, /Al cliente: 0 de 20 sin confirmar/);
  assert.match(text, /Del cliente: 0 de 20 QoS 2 sin terminar/);
  assert.match(text, /Sobrevive 20 s a una desconexión/);
  assert.match(text, /Keep-alive: 60 s/);
  await accessible(page, byId('broker-panel'));
  await page.click(`${byId('lang-switch')} [aria-pressed=false]`);
  await page.waitForFunction((sel) => /Outlives a disconnect by 20 s/.test(document.querySelector(sel)?.textContent ?? ''), byId('agreed-movil'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a journey explains the reason code of each acknowledgement', async () => {
  const { page, errors } = await open('lang=es&lesson=expiry');
  await page.selectOption(byId('publish-device'), 'central');
  await page.fill(byId('publish-topic'), 'Casa/Nadie');
  await page.fill(byId('publish-payload'), 'hola');
  await page.selectOption(byId('publish-qos'), '1');
  await page.fill(byId('publish-expiry'), '30');
  await page.click(byId('publish-submit'));
  await page.click(byId('tab-log'));
  await page.selectOption(byId('log-kind'), 'Published');
  await page.waitForSelector(byId('log-journey'));
  await page.click(byId('play')); // pause, so the row stays put
  await page.locator(byId('log-journey')).last().click();
  const codes = page.locator(byId('journey-codes'));
  await codes.waitFor();
  assert.match(await codes.textContent(), /central · PUBACK 0x10 Ningún suscriptor coincide: Aceptado, pero nadie estaba suscrito a ese tema\./);
  assert.match(await page.textContent(byId('journey-fields')), /Message Expiry Interval/);
  await accessible(page, byId('journey'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a phone at 390×844: the MQTT 5 fields and the lesson fit', async () => {
  const { page, errors } = await open('lang=es&lesson=request', { width: 390, height: 844 });
  await page.click(byId('nav-actions'));
  await page.selectOption(byId('publish-device'), 'panel');
  await page.waitForSelector(byId('publish-props5'));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling (${overflow} px)`);
  await page.locator(byId('publish-props5')).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/mqtt5-phone.png` });
  assert.deepEqual(errors, []);
  await page.close();
});
