// End-to-end: what a student sees on the stage and in the log. In a lesson the teaching speed
// draws every packet for 600 ms at least (labelled and coloured by type) and shows what the
// broker does with a message; faster speeds keep packets as quick as their latency. The log
// speaks in sentences of the page's language, with no internal identifier; free play is a
// named house; a mistyped link says so. Usage: node e2e/stage.mjs BASE_URL OUT_DIR
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessible, byId, suite, walkSteps, watchErrors } from './harness.mjs';

const { base, out, browser } = await suite();

/** Every packet drawn during `ms`: when it was first and last on the stage, its label and class. */
const watchPackets = (page, ms) => page.evaluate(async (ms) => {
  const seen = new Map();
  const start = performance.now();
  while (performance.now() - start < ms) {
    const now = performance.now();
    for (const g of document.querySelectorAll('[data-testid="packet"]')) {
      const e = seen.get(g.dataset.seq) ?? { first: now, label: g.textContent, kind: g.getAttribute('class') };
      e.last = now;
      seen.set(g.dataset.seq, e);
    }
    await new Promise((r) => requestAnimationFrame(r));
  }
  const end = performance.now();
  // Only packets whose whole flight was watched.
  return [...seen.values()].filter((e) => e.first > start + 50 && e.last < end - 50).map((e) => ({ ...e, shown: e.last - e.first }));
}, ms);

test('teaching speed: every packet is drawn 600 ms at least, labelled by type; the broker shows what it does', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=es&lesson=pubsub`);
  await page.waitForSelector(byId('lesson-title'));
  assert.equal(await page.inputValue(byId('speed')), 'teach', 'lessons start at the teaching speed');
  await page.selectOption(byId('subscribe-device'), 'panel');
  await page.fill(byId('subscribe-filter'), 'Casa/Cocina/Temperatura');
  await page.click(byId('subscribe-submit'));
  const flights = await watchPackets(page, 6000);
  assert.ok(flights.length >= 3, `${flights.length} packets watched`);
  for (const f of flights) assert.ok(f.shown >= 550, `${f.label} drawn ${f.shown.toFixed(0)} ms`);
  assert.ok(flights.some((f) => /^SUBSCRIBE/.test(f.label) && /subscribe/.test(f.kind)), JSON.stringify(flights));
  // The broker tries the dashboard's filter on the sensor's PUBLISH, and the dashboard lights up.
  await page.waitForFunction(() => /✓ panel: Casa\/Cocina\/Temperatura coincide/.test(document.querySelector('[data-testid="broker-notes"]')?.textContent ?? ''), null, { timeout: 20_000 });
  await page.waitForSelector(`${byId('node-panel')}.hit`);
  const published = await watchPackets(page, 8000);
  assert.ok(published.some((f) => /^PUBLISH QoS 0/.test(f.label) && /publish/.test(f.kind)), JSON.stringify(published));
  await page.screenshot({ path: `${out}/stage-teaching.png` });
  // A faster speed keeps today's behaviour: a packet is as quick as its latency.
  await page.selectOption(byId('speed'), '2');
  const quick = await watchPackets(page, 6000);
  assert.ok(quick.length > 0 && quick.every((f) => f.shown < 300), JSON.stringify(quick.map((f) => f.shown)));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the log speaks in sentences of the page\'s language, with no internal identifier', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=es&lesson=pubsub&view=log`);
  await page.selectOption(byId('speed'), '10');
  await page.selectOption(byId('subscribe-device'), 'panel');
  await page.fill(byId('subscribe-filter'), 'Casa/Cocina/Temperatura');
  await page.click(byId('subscribe-submit'));
  await page.waitForFunction(() => /panel recibe «[\d.]+» de Casa\/Cocina\/Temperatura/.test(document.querySelector('[data-testid="timeline"]')?.textContent ?? ''));
  const identifiers = ['PacketIn', 'PacketOut', 'Transmitted', 'DeviceReceived', 'DeviceSent', 'SessionCreated', 'Published', 'FilterTried', 'ActionApplied'];
  const shown = await page.locator(byId('timeline')).innerText();
  for (const id of identifiers) assert.ok(!shown.includes(id), `${id} on the Spanish page`);
  assert.match(shown, /el bróker entrega el mensaje a panel, QoS 0/);
  await page.selectOption(byId('log-kind'), 'ActionApplied');
  await page.waitForFunction(() => /pides a panel suscribirse a Casa\/Cocina\/Temperatura, QoS 0/.test(document.querySelector('[data-testid="timeline"]')?.textContent ?? ''));
  // The kind filter is labelled in Spanish and still filters by the stable kind.
  assert.match(await page.locator(`${byId('log-kind')} option[value="DeviceReceived"]`).textContent(), /el dispositivo recibe/);
  await page.selectOption(byId('log-kind'), 'DeviceReceived');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="log-row"]')].every((r) => r.dataset.kind === 'DeviceReceived'));
  // Switching the language re-renders the lines already there.
  await page.click(`${byId('lang-switch')} [aria-pressed=false]`);
  await page.waitForFunction(() => /panel receives "[\d.]+" from Casa\/Cocina\/Temperatura/.test(document.querySelector('[data-testid="timeline"]')?.textContent ?? ''));
  await accessible(page, byId('timeline'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('free play is a named house in the page\'s language; a mistyped link says so and opens the default', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=es`);
  for (const d of ['sensor-cocina', 'sensor-salon', 'sensor-dormitorio', 'luz-salon', 'panel', 'movil']) {
    await page.waitForSelector(byId(`node-${d}`));
  }
  assert.equal(await page.locator(byId('node-d0')).count(), 0);
  await page.goto(`${base}?lang=en`);
  await page.waitForSelector(byId('node-kitchen-sensor'));
  await page.waitForSelector(byId('node-living-room-light'));
  // Typos in a teacher's link.
  await page.goto(`${base}?lang=es&lesson=nope&view=nada&mode=raro`);
  const notice = await page.textContent(byId('notice-error'));
  assert.match(notice, /lección «nope», que no existe: se abre el juego libre/);
  assert.match(notice, /vista «nada»/);
  assert.match(notice, /modo «raro»/);
  await page.waitForSelector(byId('node-sensor-cocina'));
  assert.equal(await page.getAttribute(byId('tab-sequence'), 'aria-selected'), 'true');
  await page.goto(`${base}?lang=en&lesson=nope`);
  assert.match(await page.textContent(byId('notice-error')), /lesson “nope”, which does not exist: free play opens instead/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the sequence header: free play\'s seven names, those on one line apart (a cold try saw "sensor-coci…sensor-dor…")', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`${base}?lang=es`);
  await page.waitForFunction(() => document.querySelectorAll('.seq-head .lane-name').length === 7);
  const boxes = await page.$$eval('.seq-head .lane-name', (els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { name: e.textContent, top: Math.round(r.top), left: r.left, right: r.right };
  }));
  for (const row of new Set(boxes.map((b) => b.top))) {
    const line = boxes.filter((b) => b.top === row).sort((a, b) => a.left - b.left);
    for (let i = 1; i < line.length; i++) {
      const gap = line[i].left - line[i - 1].right;
      assert.ok(gap >= 4, `${line[i - 1].name} and ${line[i].name}: ${gap.toFixed(1)} px apart`);
    }
  }
  await page.close();
});

test('the sequence diagram: a lane per client, an arrow per packet, the newest in sight; Enter opens a journey', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=es&lesson=pubsub`);
  await page.waitForSelector(byId('sequence'));
  assert.equal(await page.getAttribute(byId('tab-sequence'), 'aria-selected'), 'true', 'the main reading');
  // The lesson's house replaces the empty stage once its part has come.
  await page.waitForFunction(() => document.querySelectorAll('.seq-head .lane-name').length > 1);
  const lanes = await page.$$eval('.seq-head .lane-name', (els) => els.map((e) => e.textContent));
  assert.deepEqual(lanes, ['Bróker', 'cocina', 'panel']);
  await page.selectOption(byId('subscribe-device'), 'panel');
  await page.fill(byId('subscribe-filter'), 'Casa/Cocina/Temperatura');
  await page.click(byId('subscribe-submit'));
  await page.selectOption(byId('speed'), '50');
  // A long run: many arrows, few drawn, the newest in sight.
  await page.waitForFunction(() => parseFloat(document.querySelector('.seq-spacer').style.height) > 60 * 26, null, { timeout: 30_000 });
  await page.selectOption(byId('speed'), 'teach');
  await page.click(byId('play'));
  // Paused: the scroll that follows a growth comes a frame after it, so it is read once still.
  await page.waitForTimeout(400);
  const drawn = await page.$$eval('.seq-row', (els) => els.length);
  assert.ok(drawn <= 17, `${drawn} rows drawn`);
  const { top, max } = await page.$eval('.seq-viewport', (v) => ({ top: v.scrollTop, max: v.scrollHeight - v.clientHeight }));
  assert.ok(max - top < 60, `follows the newest: ${top} of ${max}`);
  // An arrow that carries a message, reached with the keyboard, opens its journey.
  const arrow = page.locator(`button${byId('seq-arrow')}`).last();
  const msg = await arrow.getAttribute('data-msg');
  assert.match(await arrow.getAttribute('aria-label'), /^PUBLISH QoS 0 de (cocina a Bróker|Bróker a panel), a los [\d.]+ s/);
  await arrow.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((m) => document.querySelector('[data-testid="journey-summary"]')?.textContent.startsWith(`#${m} `), msg);
  await accessible(page, byId('sequence'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${out}/sequence-1366.png` });
  assert.deepEqual(errors, []);
  await page.close();
});

/** Asserts that `sel` is inside the window (and, with `still`, that the page has not scrolled). */
const inSight = async (page, sel, still) => {
  // A bar's link scrolls its part into sight on the next frame: two frames have passed.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const r = await page.$eval(sel, (e) => { const b = e.getBoundingClientRect(); return { top: b.top, bottom: b.bottom, left: b.left, right: b.right, w: innerWidth, h: innerHeight, y: scrollY }; });
  assert.ok(r.top >= -1 && r.bottom <= r.h + 1 && r.left >= 0 && r.right <= r.w, `${sel} in sight when used: ${JSON.stringify(r)}`);
  if (still) assert.equal(r.y, 0, `no scroll before ${sel}`);
};

/** Subscribes `device` to `filter` with the forms, each control in sight when used. */
const subscribeInSight = async (page, device, filter, still) => {
  await inSight(page, byId('subscribe-device'), still);
  await page.selectOption(byId('subscribe-device'), device);
  await inSight(page, byId('subscribe-filter'), still);
  await page.fill(byId('subscribe-filter'), filter);
  await inSight(page, byId('subscribe-submit'), still);
  await page.click(byId('subscribe-submit'));
};

/** The packet types of every arrow of the sequence diagram (it draws only the rows in sight:
 * its scroller goes from the top to the newest, and stays there). */
const arrowTypes = (page) => page.evaluate(async () => {
  const v = document.querySelector('.seq-viewport');
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const seen = new Set();
  // A scroll event even when the list already sits at the top, so it stops following the
  // newest rows (a part shown just now may not have scrolled yet).
  v.scrollTop = 1;
  await frame();
  for (let y = 0; ; y += v.clientHeight / 2) {
    v.scrollTop = y;
    await frame();
    for (const e of document.querySelectorAll('[data-testid="seq-arrow"]')) seen.add(e.getAttribute('aria-label').split(' ')[0]);
    if (y >= v.scrollHeight) break;
  }
  return [...seen];
});

/** Texts that are internal identifiers, anywhere on the page. */
const identifiersShown = (page) => page.evaluate(() => {
  const ids = /\b(PacketIn|PacketOut|Transmitted|DeviceReceived|DeviceSent|SessionCreated|SessionResumed|FilterTried|ActionApplied|Queued|Dequeued|Published)\b/;
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement;
    if (el.closest('option, script, style, [hidden]') || !el.getClientRects().length) continue;
    if (ids.test(n.textContent)) found.push(n.textContent.trim());
  }
  return found;
});

test('1366×768 in Spanish: lesson 1 solved with no scroll; an error on screen follows the language switch', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=es&lesson=pubsub`);
  await page.waitForSelector(byId('lesson-title'));
  // Read on and predict, up to the step done on the stage.
  await walkSteps(page);
  // A wrong filter: the error shows, and follows the language.
  await inSight(page, byId('subscribe-filter'), true);
  await page.fill(byId('subscribe-filter'), 'Casa/#/Temperatura');
  await page.waitForFunction(() => /#/.test(document.querySelector('[data-testid="subscribe-error"]')?.textContent ?? ''));
  const es = await page.textContent(byId('subscribe-error'));
  await inSight(page, byId('lang-switch'), true);
  await page.click(`${byId('lang-switch')} [aria-pressed=false]`);
  await page.waitForFunction((es) => { const t = document.querySelector('[data-testid="subscribe-error"]')?.textContent; return t && t !== es; }, es);
  assert.match(await page.textContent(byId('subscribe-error')), /#/);
  await page.click(`${byId('lang-switch')} [aria-pressed=false]`);
  await page.waitForFunction((es) => document.querySelector('[data-testid="subscribe-error"]')?.textContent === es, es);
  // Lesson 1: the dashboard subscribes to the kitchen's temperature and receives it.
  await subscribeInSight(page, 'panel', 'Casa/Cocina/Temperatura', true);
  await page.waitForSelector(`${byId('goal-0')}[data-done="true"]`, { timeout: 30_000 });
  await walkSteps(page);
  await page.waitForSelector(byId('lesson-passed'));
  await inSight(page, byId('lesson-passed'), true);
  await inSight(page, byId('goal-0'), true);
  // The sequence diagram shows the whole exchange, and an arrow opens its journey.
  const types = await arrowTypes(page);
  for (const t of ['CONNECT', 'CONNACK', 'SUBSCRIBE', 'SUBACK', 'PUBLISH']) assert.ok(types.includes(t), `${t} in ${types}`);
  const arrow = page.locator(`button${byId('seq-arrow')}`).last();
  await inSight(page, `button[data-testid="seq-arrow"][data-msg="${await arrow.getAttribute('data-msg')}"]`, true);
  await arrow.click();
  await page.waitForSelector(byId('journey-summary'));
  assert.deepEqual(await identifiersShown(page), []);
  assert.equal(await page.evaluate(() => scrollY), 0);
  await page.screenshot({ path: `${out}/lesson1-1366.png` });
  assert.deepEqual(errors, []);
  await page.close();
});

test('390×844 in Spanish: lesson 2 solved through the bar; packets stay, the sequence and journey, errors follow the language', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors = watchErrors(page);
  // A mistyped link is reported; the notice follows the language switch.
  await page.goto(`${base}?lang=es&lesson=comodin`);
  await page.waitForSelector(byId('notice-error'));
  assert.match(await page.textContent(byId('notice-error')), /lección «comodin», que no existe/);
  await page.click(`${byId('lang-switch')} [aria-pressed=false]`);
  await page.waitForFunction(() => /lesson “comodin”, which does not exist/.test(document.querySelector('[data-testid="notice-error"]')?.textContent ?? ''));
  await page.click(`${byId('lang-switch')} [aria-pressed=false]`);
  await page.waitForFunction(() => /lección «comodin»/.test(document.querySelector('[data-testid="notice-error"]')?.textContent ?? ''));
  await page.goto(`${base}?lang=es&lesson=wildcards`);
  await page.waitForSelector(byId('diagram'));
  // The lesson's first steps read on, then the actions are one tap away.
  await page.click(byId('nav-lesson'));
  await walkSteps(page);
  await page.click(byId('nav-actions'));
  await subscribeInSight(page, 'panel', 'Casa/+/Temperatura');
  await subscribeInSight(page, 'todo', 'Casa/#');
  // The stage is one tap away, and a packet stays on it long enough to follow.
  await page.click(byId('nav-stage'));
  await inSight(page, byId('diagram'));
  const flights = await watchPackets(page, 5000);
  assert.ok(flights.length > 0 && flights.every((f) => f.shown >= 500), JSON.stringify(flights.map((f) => f.shown)));
  await page.screenshot({ path: `${out}/lesson2-390-stage.png` });
  await page.click(byId('nav-lesson'));
  await page.waitForSelector(`${byId('goal-0')}[data-done="true"]`, { timeout: 60_000 });
  // Between the two goals, a prediction about `#`.
  await walkSteps(page);
  await page.waitForSelector(`${byId('goal-1')}[data-done="true"]`, { timeout: 60_000 });
  await walkSteps(page);
  await page.click(byId('nav-lesson'));
  await inSight(page, byId('lesson-passed'));
  // Paused, so the arrow picked stays put (the list redraws its rows as packets arrive).
  await page.click(byId('play'));
  // The messages: the sequence shows the exchange, and an arrow opens its journey.
  await page.click(byId('nav-messages'));
  const types = await arrowTypes(page);
  for (const t of ['CONNECT', 'CONNACK', 'SUBSCRIBE', 'SUBACK', 'PUBLISH']) assert.ok(types.includes(t), `${t} in ${types}`);
  const arrow = page.locator(`button${byId('seq-arrow')}`).last();
  await arrow.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector(byId('journey-summary'));
  assert.deepEqual(await identifiersShown(page), []);
  await page.screenshot({ path: `${out}/lesson2-390-messages.png` });
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [w, h] of [[900, 650], [1200, 700]]) {
  test(`embedded at ${w}×${h}: the stage, the lesson and the actions in the frame, without scrolling`, async () => {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    const errors = watchErrors(page);
    await page.goto(`${base}?lang=es&lesson=queue&embed=1`);
    await page.waitForSelector(byId('lesson-title'));
    // The steps come with the lesson's file (fetched); the first act step is the goal.
    await page.waitForSelector(byId('step-0'));
    await walkSteps(page);
    for (const id of ['diagram', 'lesson-title', 'goal-0', 'acting-card', 'publish-submit', 'subscribe-submit', 'open-full']) {
      await inSight(page, byId(id), true);
    }
    // Sharing and the class setup are the full app's.
    assert.equal(await page.locator(byId('share-panel')).isVisible(), false);
    assert.equal(await page.locator(byId('class-panel')).isVisible(), false);
    await accessible(page, 'body');
    await page.screenshot({ path: `${out}/embed-${w}.png` });
    assert.deepEqual(errors, []);
    await page.close();
  });
}

/** Where the parts a student needs are, against the window (no scrolling). */
const parts = (page) => page.evaluate(() => {
  const box = (sel) => { const r = document.querySelector(sel)?.getBoundingClientRect(); return r && { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height }; };
  return {
    w: innerWidth, h: innerHeight, scrolled: scrollY,
    stage: box('[data-testid="diagram"] svg'),
    acting: box('[data-testid="acting-card"]'),
    publish: box('[data-testid="publish-submit"]'),
    subscribe: box('[data-testid="subscribe-submit"]'),
    subs: box('[data-testid="subscriptions"]'),
    goals: box('[data-testid="goal-0"]'),
    sequence: box('.seq-viewport'),
  };
});

for (const [w, h] of [[1366, 768], [1920, 1080]]) {
  test(`${w}×${h}: the stage, the acting device's actions, the lesson and the sequence on one screen`, async () => {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    const errors = watchErrors(page);
    await page.goto(`${base}?lang=es&lesson=pubsub`);
    await page.waitForSelector('.seq-viewport');
    await page.waitForSelector(byId('step-0'));
    await walkSteps(page);
    await page.waitForSelector(byId('goal-0'));
    const p = await parts(page);
    assert.equal(p.scrolled, 0);
    // The stage is as tall as its house needs (two devices and the broker's band here), its
    // words at their size on screen.
    assert.ok(p.stage.width >= 500 && p.stage.height >= 250, `stage ${p.stage.width}×${p.stage.height}`);
    const smallest = await page.$$eval(`${byId('diagram')} svg:not(.packets-layer) text`, (els) => Math.min(...els
      .filter((e) => e.textContent.trim() && getComputedStyle(e).visibility === 'visible')
      .map((e) => e.getBoundingClientRect().height)));
    assert.ok(smallest >= 12, `the stage's smallest word: ${smallest} px`);
    for (const name of ['stage', 'acting', 'publish', 'subscribe', 'subs', 'goals', 'sequence']) {
      const b = p[name];
      assert.ok(b && b.top >= 0 && b.bottom <= p.h && b.right <= p.w, `${name} in sight: ${JSON.stringify(b)}`);
    }
    await page.screenshot({ path: `${out}/one-screen-${w}.png` });
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('choosing a device on the stage (click or keyboard) makes it the acting device; the forms follow', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=es`);
  await page.waitForSelector(byId('node-panel'));
  await page.click(`${byId('node-panel')} .device-box`);
  await page.waitForFunction(() => document.querySelector('[data-testid="acting-name"]')?.textContent === 'panel');
  assert.equal(await page.inputValue(byId('publish-device')), 'panel');
  assert.equal(await page.inputValue(byId('subscribe-device')), 'panel');
  assert.equal(await page.getAttribute(byId('node-panel'), 'aria-pressed'), 'true');
  // With the keyboard: focus another device and press Enter.
  await page.focus(byId('node-movil'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="acting-name"]')?.textContent === 'movil');
  assert.equal(await page.inputValue(byId('subscribe-device')), 'movil');
  // The acting card's buttons act on it.
  await page.click(byId('acting-plug'));
  await page.waitForFunction(() => /desenchufado/.test(document.querySelector('[data-testid="acting-card"]')?.textContent ?? ''));
  // Choosing in a form changes the acting device too.
  await page.selectOption(byId('publish-device'), 'sensor-cocina');
  await page.waitForFunction(() => document.querySelector('[data-testid="acting-name"]')?.textContent === 'sensor-cocina');
  await accessible(page, byId('diagram'));
  await accessible(page, byId('acting'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('390×844: one part at a time, and a bar reaches each in one tap', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=es&lesson=pubsub`);
  // The stage comes first; the bar says the lesson's open step of all, as the lesson does.
  await page.waitForSelector(byId('diagram'));
  assert.equal(await page.locator(byId('lesson-title')).isVisible(), false);
  assert.equal(await page.getAttribute(byId('nav-stage'), 'aria-current'), 'true');
  // (Once the lesson's file is here.)
  await page.waitForFunction((sel) => /^Lección 1\/\d+$/.test(document.querySelector(sel)?.textContent ?? ''), byId('nav-lesson'));
  const steps = (await page.textContent(byId('nav-lesson'))).split('/')[1];
  assert.equal(await page.locator(byId('nav-asks')).count(), 0, 'the first step is read, not asked');
  // Each tap shows its part (the stage has the actions under it) and hides the others.
  const shown = { 'nav-stage': ['diagram', 'acting'], 'nav-actions': ['acting'], 'nav-messages': ['sequence'], 'nav-lesson': ['lesson-title'] };
  const every = ['diagram', 'acting', 'sequence', 'lesson-title'];
  for (const [nav, parts] of Object.entries(shown)) {
    await page.click(byId(nav));
    for (const p of parts) await page.waitForSelector(byId(p));
    await inSight(page, byId(nav));
    for (const hidden of every.filter((p) => !parts.includes(p))) {
      assert.equal(await page.locator(byId(hidden)).isVisible(), false, `${hidden} hidden on ${nav}`);
    }
    assert.equal(await page.getAttribute(byId(nav), 'aria-current'), 'true');
    await accessible(page, 'body');
  }
  await page.click(byId('nav-stage'));
  await inSight(page, byId('diagram'));
  await page.screenshot({ path: `${out}/one-screen-390.png` });
  // A list followed while hidden shows its newest rows when its part comes back.
  await page.click(byId('nav-lesson'));
  await page.selectOption(byId('speed'), '10');
  await page.click(byId('nav-stage'));
  await page.waitForFunction(() => parseFloat(document.querySelector('.seq-spacer').style.height) > 26 * 30, null, { timeout: 30_000 });
  await page.click(byId('nav-messages'));
  await page.waitForFunction(() => { const v = document.querySelector('.seq-viewport'); return v.scrollTop > 0 && v.scrollHeight - v.clientHeight - v.scrollTop < 60; });
  assert.ok(await page.locator(`${byId('seq-arrow')}`).count() > 5, 'rows drawn where the viewport is');
  // Read on: the next step is a question; the bar marks it waiting, whichever part shows.
  await page.click(byId('nav-lesson'));
  assert.equal(await page.textContent(byId('step-count')), `Paso 1 de ${steps}`);
  await page.click(byId('step-next'));
  await page.waitForSelector(`${byId('step-1')}.open`);
  await page.waitForSelector(byId('nav-asks'));
  await page.click(byId('nav-stage'));
  // On one line, whichever part shows.
  const bar = await page.locator(byId('nav-lesson')).boundingBox();
  assert.ok(bar.height < 40, `the lesson's link on one line: ${bar.height} px`);
  assert.deepEqual(await page.$eval('.parts-nav', (n) => n.scrollWidth <= n.clientWidth), true, 'the bar fits the screen');
  assert.match(await page.textContent(byId('nav-lesson')), new RegExp(`^Lección 2/${steps}\\?, una pregunta te espera$`));
  await accessible(page, 'body');
  assert.deepEqual(errors, []);
  await page.close();
});
