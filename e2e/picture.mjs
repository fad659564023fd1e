// End-to-end: the stage as a picture of the house, in Spanish at 1366×768. Each device is
// drawn as what it is with its state, and says it as text (`node-NAME`'s label): the light
// switches when an order is published, the dashboard shows what the sensor published, the
// phone counts its messages. The broker is drawn with its insides: an offline persistent
// session's queue, one token per waiting message, emptying when the phone returns; the
// retained store as a shelf of topics. Every word on the stage at least 12 px high; axe-clean.
// Usage: node e2e/picture.mjs BASE_URL OUT_DIR
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessible, byId, fresh, LAPTOP, PHONE, suite, tabTo } from './harness.mjs';

const { base, out, browser } = await suite();

/** A node's label (what it says to a screen reader). */
const said = (page, name) => page.getAttribute(byId(`node-${name}`), 'aria-label');

/** Waits until a node's label matches `re`. */
async function until(page, name, re, timeout = 30_000) {
  await page.waitForFunction(([sel, src]) => new RegExp(src).test(document.querySelector(sel)?.getAttribute('aria-label') ?? ''),
    [byId(`node-${name}`), re.source], { timeout });
}

/** The stage's words as drawn (visible, not empty): text, height and box. */
const words = (page) => page.$$eval(`${byId('diagram')} svg:not(.packets-layer) text`, (els) => els
  .filter((e) => e.textContent.trim() && getComputedStyle(e).visibility === 'visible' && e.getBoundingClientRect().height > 0)
  .map((e) => { const r = e.getBoundingClientRect(); return [e.textContent.trim(), r.height, r.left, r.top, r.right, r.bottom]; }));

/** Words at least `min` px high, none on top of another, none outside the stage. */
async function readable(page, min, least = 10) {
  const seen = await words(page);
  assert.ok(seen.length >= least, `${seen.length} labels`);
  assert.deepEqual(seen.filter(([, h]) => h < min), [], `labels under ${min} px`);
  const over = [];
  for (let i = 0; i < seen.length; i++) {
    for (let j = i + 1; j < seen.length; j++) {
      const [a, b] = [seen[i], seen[j]];
      // Glyph boxes include the line's leading: 3 px of it may touch.
      if (a[2] < b[4] - 1 && b[2] < a[4] - 1 && a[3] < b[5] - 3 && b[3] < a[5] - 3) over.push(`${a[0]} / ${b[0]}`);
    }
  }
  assert.deepEqual(over, [], 'words on top of each other');
  const stage = await page.$eval(`${byId('diagram')} .stage-box`, (e) => { const r = e.getBoundingClientRect(); return [r.left, r.right]; });
  assert.deepEqual(seen.filter((w) => w[2] < stage[0] - 1 || w[4] > stage[1] + 1).map((w) => w[0]), [], 'words outside the stage');
  console.log(`stage labels: ${seen.length}, smallest ${Math.min(...seen.map(([, h]) => h)).toFixed(1)} px`);
}

for (const [where, viewport, query, min] of [['1366×768', LAPTOP, '', 12], ['the 900×650 embed', { width: 900, height: 650 }, '&embed=1', 11], ['390×844', PHONE, '', 12]]) {
test(`free play at ${where}: the light switches on an order, the dashboard shows the reading, the retained store fills`, async () => {
  const { context, page, errors } = await fresh(browser, { viewport, locale: 'es-ES' });
  await page.goto(`${base}?lang=es${query}`);
  await page.waitForSelector(byId('node-luz-salon'));
  await until(page, 'luz-salon', /^luz-salon: apagada/);
  assert.equal(await page.textContent(byId('state-luz-salon')), 'apagada');
  // Free play opens at the teaching speed: each device's CONNECT and CONNACK in sight first.
  await until(page, 'movil', /; conectado/);
  // An order to the living-room light (the publish form's first topic).
  await page.fill(byId('publish-topic'), 'Casa/Salon/Luz/Orden');
  await page.fill(byId('publish-payload'), 'ON');
  await page.click(byId('publish-submit'));
  await until(page, 'luz-salon', /^luz-salon: encendida/);
  await page.waitForSelector(`${byId('node-luz-salon')} .icon.bulb.on`);
  // Said politely to a screen reader, and never twice within a second.
  await page.waitForFunction((sel) => /luz-salon: encendida/.test(document.querySelector(sel)?.textContent ?? ''), byId('stage-said'));
  assert.equal(await page.getAttribute(byId('stage-said'), 'aria-live'), 'polite');
  const times = await page.evaluate((sel) => new Promise((done) => {
    const seen = [];
    new MutationObserver(() => seen.push(performance.now())).observe(document.querySelector(sel), { childList: true, characterData: true, subtree: true });
    setTimeout(() => done(seen), 4000);
  }), byId('stage-said'));
  assert.ok(times.length >= 1, 'the sensors\' readings are said');
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  assert.deepEqual(gaps.filter((g) => g < 990), [], `announcements ${gaps.map((g) => g.toFixed(0))} ms apart`);
  // The light's state is retained: it is on the broker's shelf.
  await page.waitForFunction((sel) => /Casa\/Salon\/Luz = ON/.test(document.querySelector(sel)?.textContent ?? ''), byId('retained-store'));
  // A retained message of our own joins it.
  await page.fill(byId('publish-topic'), 'Casa/Jardin/Riego');
  await page.fill(byId('publish-payload'), 'abierto');
  await page.check(byId('publish-retain'));
  await page.click(byId('publish-submit'));
  // The value and the room stay in sight: a line too long for the shelf loses the topic's
  // first levels (cold tries read "Casa/Cocina/Temperatura …" with no value, then
  // "…/Temperatura = 22.5" with no room).
  await page.waitForFunction((sel) => /Jardin\/R.*= abierto/.test(document.querySelector(sel)?.textContent ?? ''), byId('retained-store'));
  const line = await page.$$eval(`${byId('retained-store')} .shelf-item`, (els) => els.map((e) => e.textContent).find((t) => /Jardin/.test(t)));
  assert.match(line, /^(Casa|…)\/Jardin\/Ri.* = abierto$/);
  assert.match(await page.getAttribute(byId('retained-store'), 'aria-label'), /Retenidos en el bróker: \d+ temas/);
  // The shelf says what it is, and how many topics it holds.
  assert.match(await page.textContent(`${byId('retained-store')} .shelf-title`), /^\d+ retenidos? en el bróker$/);
  // The dashboard shows the kitchen's reading: the value the sensor published.
  await page.waitForFunction(([panel, cocina]) => {
    const p = document.querySelector(panel)?.getAttribute('aria-label') ?? '';
    const c = document.querySelector(cocina)?.getAttribute('aria-label') ?? '';
    // Its label says each value it shows, with its topic.
    const m = p.match(/^panel: .*Casa\/Cocina\/Temperatura: ([\d.]+)/);
    return m && c.startsWith(`sensor-cocina: ${m[1]} °C`);
  }, [byId('node-panel'), byId('node-sensor-cocina')], { timeout: 30_000 });
  // The phone counts what it received (it follows Casa/#).
  await until(page, 'movil', /^movil: \d+ mensajes · «[^»]+» · Casa\/#; conectado/);
  // Every word on the stage big enough, and clear of the others.
  await readable(page, min);
  await page.locator(byId('diagram')).screenshot({ path: `${out}/picture-free-play-${viewport.width}.png` });
  await accessible(page, byId('diagram'));
  // A packet's label is a tag of its own: a pill under its whole text, read over whatever
  // it passes. At the teaching speed (a flight lasts 600 ms at least), an order sent again.
  await page.$eval(byId('speed'), (e) => { e.value = 'teach'; e.dispatchEvent(new Event('change', { bubbles: true })); });
  await page.fill(byId('publish-topic'), 'Casa/Salon/Luz/Orden');
  await page.fill(byId('publish-payload'), 'OFF');
  await page.uncheck(byId('publish-retain'));
  await page.click(byId('publish-submit'));
  const pill = await page.waitForFunction(() => {
    const t = [...document.querySelectorAll('[data-testid="packet"]:not(.quiet) text')].find((e) => e.textContent);
    if (!t) return null;
    const [a, b] = [t.getBoundingClientRect(), t.previousElementSibling.getBoundingClientRect()];
    return { text: t.textContent, inside: a.left >= b.left && a.right <= b.right && a.top >= b.top - 1 && a.bottom <= b.bottom + 1,
      filled: getComputedStyle(t.previousElementSibling).fill !== 'none' };
  }, null, { timeout: 20_000 }).then((h) => h.jsonValue());
  assert.ok(pill.inside && pill.filled, `the label ${pill.text} on its pill`);
  assert.deepEqual(errors, []);
  await context.close();
});
}

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
  const [count, tokens, more, label] = await page.$eval(queue, (q) => [Number(q.textContent.match(/· (\d+)/)[1]), q.querySelectorAll('.token').length, q.querySelector('.queue-more')?.textContent ?? '', q.getAttribute('aria-label')]);
  // One token per waiting message; past eight, seven and how many more: never fewer drawn than said.
  assert.equal(tokens, count > 8 ? 7 : count, 'one token per waiting message');
  assert.equal(more, count > 8 ? `+${count - 7}` : '');
  await readable(page, 12, 6);
  assert.match(label, /^movil: \d+ en cola$/);
  // The messages are at the broker, not on the phone: offline, it counts none.
  assert.match(await page.getAttribute(byId('node-movil'), 'aria-label'), /^movil: sin mensajes/);
  // Under its icon, with nothing to show, it says it is offline.
  assert.equal(await page.textContent(byId('state-movil')), 'desconectado');
  assert.equal(await page.getAttribute(byId('state-movil'), 'class'), 'state idle');
  // Published from the offline phone, a QoS 0 message is lost: the stage says so.
  await page.selectOption(byId('publish-qos'), '0');
  await page.click(byId('publish-submit'));
  await page.waitForFunction((sel) => /movil sin conexión: mensaje QoS 0 perdido/.test(document.querySelector(sel)?.textContent ?? ''), byId('broker-notes'), { timeout: 5_000 });
  await page.locator(byId('diagram')).screenshot({ path: `${out}/picture-queue-1366.png` });
  await accessible(page, byId('diagram'));
  // The keyboard reaches the queue; Enter opens the broker's view at that session.
  await page.locator(byId('node-timbre')).focus();
  await tabTo(page, 'broker-queue-movil', { max: 10 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'queue-movil', null, { timeout: 10_000 });
  assert.equal(await page.getAttribute(byId('tab-broker'), 'aria-selected'), 'true');
  // The phone comes back: the queue is delivered and leaves the broker.
  await page.click(online);
  await page.waitForSelector(queue, { state: 'detached', timeout: 30_000 });
  await until(page, 'movil', /^movil: \d+ mensajes?( · «[^»]+»)? · Casa\/Puerta\/Timbre; conectado/);
  // It counts what the queue brought (a ring may have joined it on the way back).
  const brought = Number((await page.getAttribute(byId('node-movil'), 'aria-label')).match(/^movil: (\d+)/)[1]);
  assert.ok(brought >= count, `${brought} new messages, ${count} were queued`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the first Tab stop skips to the stage; a legend says what the words beside each device are', async () => {
  for (const viewport of [LAPTOP, PHONE]) {
    const { context, page, errors } = await fresh(browser, { viewport, locale: 'es-ES' });
    await page.goto(`${base}?lang=es`);
    await page.waitForSelector(byId('node-movil'));
    await page.keyboard.press('Tab');
    const skip = page.locator(byId('skip-to-stage'));
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'skip-to-stage');
    // On a phone, another part may be open when the student skips: the stage comes back.
    if (viewport === PHONE) {
      await page.click(byId('nav-lesson'));
      assert.equal(await page.locator(byId('diagram')).isVisible(), false);
      await skip.focus();
    }
    assert.equal(await skip.textContent(), 'Saltar al escenario');
    const box = await skip.boundingBox();
    assert.ok(box && box.y >= 0 && box.height >= 12, 'in sight when focused');
    const address = page.url();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /^node-/.test(document.activeElement?.getAttribute('data-testid') ?? ''));
    assert.equal(page.url(), address, 'the address is kept (it may hold a teacher\'s lesson)');
    assert.ok(await page.locator(byId('diagram')).isVisible(), 'the stage is in sight');
    // The legend: versions on the left, ports on the right.
    const legend = page.locator(byId('stage-legend'));
    assert.match(await legend.textContent(), /versión de MQTT \(3\.1\.1 o 5\).*puerto \(1883 sin cifrar, 8883 cifrado\)/);
    assert.ok((await legend.boundingBox()).height >= 12);
    await accessible(page, byId('diagram'));
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a 20-device house keeps every name readable; the 100-device house fits its stage, each named on hover and focus', async () => {
  const { context, page, errors } = await fresh(browser, { viewport: LAPTOP, locale: 'es-ES' });
  await page.goto(`${base}?lang=es&demo=house&devices=20`);
  await page.waitForSelector(byId('node-hab3-mando'));
  await page.waitForTimeout(1500);
  await readable(page, 12, 20);
  const names = (await words(page)).map(([w]) => w);
  // Each named whole, for its room and what it is.
  for (let i = 0; i < 20; i++) {
    const name = `hab${Math.floor(i / 5)}-${['temp1', 'temp2', 'luz', 'panel', 'mando'][i % 5]}`;
    assert.ok(names.includes(name), `${name} is named on the stage`);
  }
  // A column per room, named over it (its topics say Casa/Hab0/…); each room's devices in it.
  for (const r of [0, 1, 2, 3]) assert.ok(names.includes(`Hab${r}`), `room Hab${r} is named`);
  const columns = await page.$$eval(`${byId('diagram')} [data-testid="room"]`, (gs) => gs.map((g) => {
    const r = g.querySelector('rect').getBoundingClientRect();
    return [g.querySelector('text').textContent, r.left, r.right];
  }));
  assert.equal(columns.length, 4);
  for (let i = 0; i < 20; i++) {
    if (i === 3) continue; // hab0-panel watches all of Casa/#: no room of its own.
    const name = `hab${Math.floor(i / 5)}-${['temp1', 'temp2', 'luz', 'panel', 'mando'][i % 5]}`;
    const box = await page.locator(`${byId(`node-${name}`)} .device-box`).boundingBox();
    const [, left, right] = columns.find(([room]) => room === `Hab${Math.floor(i / 5)}`);
    assert.ok(box.x >= left && box.x + box.width <= right, `${name} in its room's column`);
  }
  await accessible(page, byId('diagram'));
  await page.goto(`${base}?lang=es&demo=house`);
  await page.waitForSelector(byId('node-hab19-mando'));
  await page.waitForTimeout(1500);
  // Every device inside the stage, none on top of another.
  const boxes = await page.$$eval(`${byId('diagram')} .device-box`, (els) => els.map((e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }));
  const stage = await page.$eval(`${byId('diagram')} .stage-box`, (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; });
  assert.equal(boxes.length, 100);
  assert.ok(boxes.every(([l, t, r, b]) => l >= stage[0] - 1 && r <= stage[2] + 1 && t >= stage[1] - 1 && b <= stage[3] + 1), 'every device on the stage');
  const over = boxes.filter((a, i) => boxes.some((b, j) => j > i && a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]));
  assert.deepEqual(over, [], 'devices on top of each other');
  // Names are drawn on hover and focus only.
  assert.equal(await page.locator(`${byId('node-hab8-luz')} .name`).evaluate((e) => getComputedStyle(e).visibility), 'hidden');
  await page.locator(byId('node-hab8-luz')).focus();
  assert.equal(await page.locator(`${byId('node-hab8-luz')} .name`).evaluate((e) => getComputedStyle(e).visibility), 'visible');
  assert.ok((await page.locator(`${byId('node-hab8-luz')} .name`).boundingBox()).height >= 12);
  // Its name is whole on focus, not cut to a dot's width.
  assert.equal(await page.locator(`${byId('node-hab8-luz')} .name`).textContent(), 'hab8-luz');
  // One Tab stop for the whole house: the device last focused; left and right go from device
  // to device in reading order, Home and End to the first and the last.
  const stops = () => page.$$eval(`${byId('diagram')} .node`, (ns) => ns.filter((n) => n.getAttribute('tabindex') === '0').map((n) => n.dataset.testid));
  assert.deepEqual(await stops(), ['node-hab8-luz']);
  const order = await page.$$eval(`${byId('diagram')} .device > .node`, (ns) => ns.map((n) => n.dataset.testid));
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  const at = order.indexOf('node-hab8-luz');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), order[at + 1]);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(), order[at - 1]);
  // Down goes to the device drawn under it (the row below, the nearest across), up back.
  const centre = (id) => page.locator(`${byId(id)} .device-box`).boundingBox().then((b) => [b.x + b.width / 2, b.y + b.height / 2]);
  const from = await focused();
  const [x0, y0] = await centre(from);
  await page.keyboard.press('ArrowDown');
  const below = await focused();
  const [x1, y1] = await centre(below);
  assert.ok(y1 > y0 && Math.abs(x1 - x0) < 20, `${below} under ${from}: ${[x0, y0]} → ${[x1, y1]}`);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), from);
  await page.keyboard.press('End');
  assert.equal(await focused(), order[99]);
  // The last device, in the stage's corner: its name whole inside the stage, over its box;
  // the other devices fade, so that rows drawn later do not hide its words.
  const last = order[99].slice('node-'.length);
  const name = await page.locator(`${byId(order[99])} .name`).boundingBox();
  const own = await page.locator(`${byId(order[99])} .device-box`).boundingBox();
  assert.ok(name.x >= stage[0] - 1 && name.x + name.width <= stage[2] + 1 && name.y >= stage[1] - 1 && name.y + name.height <= stage[3] + 1,
    `${last}'s name inside the stage: ${JSON.stringify(name)} in ${stage}`);
  assert.ok(name.y + name.height <= own.y, `${last}'s name over its box`);
  assert.equal(await page.locator(`${byId(order[98])}`).evaluate((e) => getComputedStyle(e).opacity), '0.25');
  assert.equal(await page.locator(`${byId(order[99])}`).evaluate((e) => getComputedStyle(e).opacity), '1');
  // The packets flying over its words fade too, and so do the shelf and the broker's note (a
  // cold try read "hab2-mando" run into "20 retenidos en el bróker").
  assert.equal(await page.$eval(`${byId('diagram')} .packets-layer`, (e) => getComputedStyle(e).opacity), '0.2');
  await page.waitForSelector(byId('retained-store'));
  // Read in one task: the shelf is drawn anew when the broker's insides change.
  assert.equal(await page.evaluate((sel) => getComputedStyle(document.querySelector(sel)).opacity, byId('retained-store')), '0.2');
  await page.keyboard.press('Home');
  assert.equal(await focused(), order[0]);
  assert.deepEqual(await stops(), [order[0]]);
  // Tab leaves the stage at once; the packets are in full sight again.
  await page.keyboard.press('Tab');
  assert.ok(!/^node-/.test(await focused() ?? ''), 'Tab leaves the house in one press');
  assert.equal(await page.$eval(`${byId('diagram')} .packets-layer`, (e) => getComputedStyle(e).opacity), '1');
  // The sequence diagram does not try to name a hundred lanes: it says how many clients, and
  // each arrow carries its client's name.
  assert.equal(await page.locator(`${byId('sequence')} .lane-name`).count(), 1, 'the broker alone is named');
  assert.match(await page.textContent(byId('seq-lane-count')), /^100 clientes/);
  const label = await page.locator(`${byId('seq-arrow')} .arrow-label`).first().textContent();
  assert.match(label, /^hab\d+-\w+ · /, `${label} names its client`);
  await accessible(page, byId('sequence'));
  assert.deepEqual(errors, []);
  await context.close();
});
