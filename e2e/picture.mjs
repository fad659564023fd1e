// End-to-end: the stage as a picture of the house, in Spanish at 1366×768. Each device is
// drawn as what it is with its state, and says it as text (`node-NAME`'s label): the light
// switches when an order is published, the dashboard shows what the sensor published, the
// phone counts its messages. The broker is drawn with its insides: an offline persistent
// session's queue, one token per waiting message, emptying when the phone returns; the
// retained store as a shelf of topics. Every word on the stage at least 12 px high; axe-clean.
// Usage: node e2e/picture.mjs BASE_URL OUT_DIR
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessible, byId, fresh, LAPTOP, suite } from './harness.mjs';

const { base, out, browser } = await suite();

/** A node's label (what it says to a screen reader). */
const said = (page, name) => page.getAttribute(byId(`node-${name}`), 'aria-label');

/** Waits until a node's label matches `re`. */
async function until(page, name, re, timeout = 30_000) {
  await page.waitForFunction(([sel, src]) => new RegExp(src).test(document.querySelector(sel)?.getAttribute('aria-label') ?? ''),
    [byId(`node-${name}`), re.source], { timeout });
}

test('free play: the light switches on an order, the dashboard shows the reading, the retained store fills', async () => {
  const { context, page, errors } = await fresh(browser, { viewport: LAPTOP, locale: 'es-ES' });
  await page.goto(`${base}?lang=es`);
  await page.waitForSelector(byId('node-luz-salon'));
  await until(page, 'luz-salon', /^luz-salon: apagada/);
  assert.equal(await page.textContent(byId('state-luz-salon')), 'apagada');
  // An order to the living-room light (the publish form's first topic).
  await page.fill(byId('publish-topic'), 'Casa/Salon/Luz/Orden');
  await page.fill(byId('publish-payload'), 'ON');
  await page.click(byId('publish-submit'));
  await until(page, 'luz-salon', /^luz-salon: encendida/);
  await page.waitForSelector(`${byId('node-luz-salon')} .icon.bulb.on`);
  // The light's state is retained: it is on the broker's shelf.
  await page.waitForFunction((sel) => /Casa\/Salon\/Luz = ON/.test(document.querySelector(sel)?.textContent ?? ''), byId('retained-store'));
  // A retained message of our own joins it.
  await page.fill(byId('publish-topic'), 'Casa/Jardin/Riego');
  await page.fill(byId('publish-payload'), 'abierto');
  await page.check(byId('publish-retain'));
  await page.click(byId('publish-submit'));
  await page.waitForFunction((sel) => /Casa\/Jardin\/Riego = abierto/.test(document.querySelector(sel)?.textContent ?? ''), byId('retained-store'));
  assert.match(await page.getAttribute(byId('retained-store'), 'aria-label'), /Retenidos en el bróker: \d+ temas/);
  // The dashboard shows the kitchen's reading: the value the sensor published.
  await page.waitForFunction(([panel, cocina]) => {
    const p = document.querySelector(panel)?.getAttribute('aria-label') ?? '';
    const c = document.querySelector(cocina)?.getAttribute('aria-label') ?? '';
    const m = p.match(/^panel: Temperatura: ([\d.]+)/);
    return m && c.startsWith(`sensor-cocina: ${m[1]} °C`);
  }, [byId('node-panel'), byId('node-sensor-cocina')], { timeout: 30_000 });
  // The phone counts what it received (it follows Casa/#).
  await until(page, 'movil', /^movil: \d+ mensajes · Casa\/#; conectado/);
  // Every word on the stage is at least 12 px high.
  const heights = await page.$$eval(`${byId('diagram')} svg text`, (els) => els
    .filter((e) => e.textContent.trim() && e.getBoundingClientRect().height > 0)
    .map((e) => [e.textContent.trim(), e.getBoundingClientRect().height]));
  assert.ok(heights.length > 10, `${heights.length} labels`);
  const small = heights.filter(([, h]) => h < 12);
  assert.deepEqual(small, [], 'labels under 12 px');
  console.log(`stage labels: ${heights.length}, smallest ${Math.min(...heights.map(([, h]) => h)).toFixed(1)} px`);
  await page.locator(byId('diagram')).screenshot({ path: `${out}/picture-free-play-1366.png` });
  await accessible(page, byId('diagram'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the queue lesson: an offline persistent session\'s queue, one token per message, empties when the phone returns', async () => {
  const { context, page, errors } = await fresh(browser, { viewport: LAPTOP, locale: 'es-ES' });
  await page.goto(`${base}?lang=es&lesson=queue`);
  await page.waitForSelector(byId('node-movil'));
  // A persistent session (at the next connection): off and on again, then off.
  await page.click(`${byId('editor-movil')} summary`);
  await page.uncheck(byId('clean-movil'));
  const online = byId('device-online-movil');
  await page.click(online);
  await until(page, 'movil', /desconectado/);
  await page.click(online);
  await until(page, 'movil', /(?<!des)conectado/);
  await page.click(online);
  await until(page, 'movil', /desconectado/);
  // The doorbell rings every 3 s: the broker keeps each message for the phone.
  const queue = byId('broker-queue-movil');
  await page.waitForFunction((sel) => {
    const q = document.querySelector(sel);
    return q && Number(q.textContent.match(/· (\d+)/)?.[1]) >= 2;
  }, queue, { timeout: 40_000 });
  const [count, tokens, label] = await page.$eval(queue, (q) => [Number(q.textContent.match(/· (\d+)/)[1]), q.querySelectorAll('.token').length, q.getAttribute('aria-label')]);
  assert.equal(tokens, Math.min(count, 10), 'one token per waiting message');
  assert.match(label, /^movil: \d+ en cola$/);
  await page.locator(byId('diagram')).screenshot({ path: `${out}/picture-queue-1366.png` });
  await accessible(page, byId('diagram'));
  // The phone comes back: the queue is delivered and leaves the broker.
  await page.click(online);
  await page.waitForSelector(queue, { state: 'detached', timeout: 30_000 });
  await until(page, 'movil', /^movil: \d+ mensajes? · Casa\/Puerta\/Timbre; conectado/);
  assert.deepEqual(errors, []);
  await context.close();
});
