// What a new student trips over (issue #31), walked in Spanish as a student would: hints that
// stay open, a wrong device or a lower-case filter named by the lesson, a pass that says what
// happened and leads on, forms that start fresh in each lesson, a journey that opens in sight
// with its story first, no $SYS clutter or emoji icons, a start card on a first visit, states
// and words explained. At 1366×768, then lessons 1 and 3 at 390×844.
// Usage: node e2e/trips.mjs BASE_URL OUT_DIR
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LAPTOP, PHONE, accessible, byId, fresh, suite, walkSteps } from './harness.mjs';

const { base, out, browser } = await suite();

/** A fresh browser profile in Spanish (nothing passed, nothing remembered). */
const newStudent = (viewport) => fresh(browser, { viewport, locale: 'es-ES' });

/** Messages the broker routed so far (the page's stats line). */
const published = (page) => page.$eval(byId('stats'), (el) => Number(/published=(\d+)/.exec(el.textContent)[1]));

/** Emoji drawn from a colour-emoji font (empty boxes where it is missing): none as icons. */
const emojiInText = (page) => page.evaluate(() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (/\p{Emoji_Presentation}|[\u{1F000}-\u{1FAFF}]/u.test(n.textContent)) found.push(n.textContent.trim());
  }
  return found;
});

async function subscribe(page, device, filter) {
  await page.selectOption(byId('subscribe-device'), device);
  await page.fill(byId('subscribe-filter'), filter);
  await page.click(byId('subscribe-submit'));
}

/** Waits for the lesson's advice (the one in sight: `lesson-advice`, or `acting-advice` on a phone) to match. */
async function adviceMatching(page, id, re, timeout = 20_000) {
  await page.waitForFunction(([sel, src]) => new RegExp(src).test(document.querySelector(sel)?.textContent ?? ''),
    [byId(id), re.source], { timeout });
  assert.ok(await page.isVisible(byId(id)), `${id} is on screen`);
  return page.textContent(byId(id));
}

test('lesson 1 at 1366×768: hints stay open, the wrong device and a lower-case filter are named, the pass says what happened and leads to lesson 2 with its own forms', async () => {
  const { context, page, errors } = await newStudent(LAPTOP);
  await page.goto(`${base}?lang=es&lesson=pubsub`);
  await page.waitForSelector(byId('lesson-intro'));
  // The forms start on the lesson's own device and topic.
  assert.equal(await page.textContent(byId('acting-name')), 'panel');
  assert.equal(await page.inputValue(byId('subscribe-device')), 'panel');
  // The filter is the student's to write: it starts on another room.
  assert.equal(await page.inputValue(byId('subscribe-filter')), 'Casa/Salon/Temperatura');
  assert.equal(await page.inputValue(byId('publish-topic')), 'Casa/Panel/Mensaje');
  // Read on and predict, up to the step done on the stage (where the coach speaks).
  await walkSteps(page);

  // 1. Hints opened while the run plays stay open.
  assert.equal(await page.getAttribute(byId('play'), 'aria-pressed'), 'true');
  await page.click(`${byId('hints')} summary`);
  await page.waitForTimeout(10_000);
  assert.equal(await page.$eval(byId('hints'), (d) => d.open), true, 'the hints are still open after 10 s of play');
  assert.ok(await page.isVisible(`${byId('hints')} li`));

  // 2. The wrong device subscribed: named within 5 s of the next publish.
  await subscribe(page, 'cocina', 'Casa/Cocina/Temperatura');
  const before = await published(page);
  await page.waitForFunction(([sel, n]) => Number(/published=(\d+)/.exec(document.querySelector(sel).textContent)[1]) > n, [byId('stats'), before]);
  const t0 = Date.now();
  const wrong = await adviceMatching(page, 'lesson-advice', /«cocina», no a «panel»/, 5_000);
  console.log(`wrong device named ${Date.now() - t0} ms after the next publish`);
  assert.match(wrong, /suscribiste «cocina»/);

  // A lower-case filter: the level-1 reason on screen, no click needed.
  await page.click(`${byId('subscriptions')} button`); // (cocina's subscription, still shown)
  await subscribe(page, 'panel', 'casa/cocina/temperatura');
  const lower = await adviceMatching(page, 'lesson-advice', /Nivel 1: «casa» no es «Casa»/);
  assert.match(lower, /casa\/cocina\/temperatura no coincide/);
  assert.match(lower, /mayúsculas y minúsculas cuentan/);
  await page.screenshot({ path: `${out}/trips-advice-1366.png` });

  // Retain ticked here must not follow the student into lesson 2.
  await page.check(byId('publish-retain'));
  // 3. The first pass: no "passed before"; what happened, told with the run's packets.
  await subscribe(page, 'panel', 'Casa/Cocina/Temperatura');
  await page.waitForSelector(`${byId('goal-0')}[data-done="true"]`);
  await walkSteps(page);
  await page.waitForSelector(byId('lesson-passed'));
  await page.waitForSelector(`${byId('pass-story')} li`);
  assert.equal(await page.isVisible(byId('passed-before')), false, 'a first pass is not "passed before"');
  const story = await page.textContent(byId('pass-story'));
  assert.match(story, /«cocina» publicó «-?\d+\.\d» en Casa\/Cocina\/Temperatura con QoS 0/);
  assert.match(story, /El filtro Casa\/Cocina\/Temperatura de «panel» coincide/);
  assert.match(story, /se lo entregó a «panel»/);
  assert.equal(await page.isVisible(byId('lesson-advice')), false, 'no advice once passed');
  await accessible(page, 'body');
  assert.deepEqual(await emojiInText(page), []);
  // Lesson 1 plays long enough for the broker's $SYS data (every 10 s): none of it on the stage.
  assert.doesNotMatch(await page.textContent(byId('diagram')), /\$SYS/);
  await page.screenshot({ path: `${out}/trips-passed-1366.png` });

  await page.click(byId('next-lesson'));
  await page.waitForFunction((sel) => /^2\./.test(document.querySelector(sel)?.textContent ?? ''), byId('lesson-title'));
  assert.match(page.url(), /lesson=wildcards/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'lesson-title', 'the keyboard goes on from the new lesson');
  assert.equal(await page.isChecked(byId('publish-retain')), false, 'retain starts unticked');
  assert.equal(await page.inputValue(byId('subscribe-device')), 'panel');
  assert.equal(await page.inputValue(byId('subscribe-filter')), 'Casa/Cocina/Temperatura');
  assert.equal(await page.isVisible(byId('lesson-passed')), false);
  assert.equal(await page.isVisible(byId('passed-before')), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a journey opened from the sequence is in sight and starts with the story; words are explained', async () => {
  const { context, page, errors } = await newStudent(LAPTOP);
  await page.goto(`${base}?lang=es&lesson=wildcards`);
  await page.waitForSelector(byId('lesson-intro'));
  await subscribe(page, 'panel', 'Casa/+/Temperatura');
  const arrow = page.locator(`button${byId('seq-arrow')}`).last();
  await arrow.waitFor();
  await page.click(byId('play'));
  await arrow.click();
  await page.waitForSelector(`${byId('journey-story')} li`);
  await page.waitForTimeout(300);
  const box = await page.locator(byId('journey')).boundingBox();
  assert.ok(box.y >= 0 && box.y < LAPTOP.height - 100, `the journey's top is in the viewport (top ${box.y})`);
  assert.equal(await page.evaluate(() => scrollY), 0, 'its column scrolled, not the page');
  // The story comes first: its heading is the journey's first, before the filters and bytes.
  const headings = await page.$$eval(`${byId('journey')} h3:not(.hidden)`, (hs) => hs.map((h) => h.textContent));
  assert.equal(headings[0], 'Qué pasó');
  assert.ok(headings.indexOf('Bytes del PUBLISH') > headings.indexOf('Filtros probados'), headings.join(' | '));
  const story = await page.$$eval(`${byId('journey-story')} li`, (li) => li.map((l) => l.textContent));
  assert.match(story[0], /publicó «.+» en Casa\/\w+\/\w+ con QoS 0/);
  // Plural forms and case notes only where they belong.
  const text = await page.textContent(byId('journey'));
  assert.doesNotMatch(text, /nivel\(es\)/);
  // Words explained on focus: speed and seed.
  await page.focus(byId('term-speed'));
  assert.match(await page.$eval(`${byId('term-speed')} + [role=tooltip]`, (t) => t.textContent), /cada paquete al menos 0,6 s/);
  assert.match(await page.$eval(`${byId('term-seed')} + [role=tooltip]`, (t) => t.textContent), /misma semilla/);
  // Sequence lanes: each name is whole in its title, and none overlaps its neighbour.
  const lanes = await page.$$eval('.seq-head .lane-name', (els) => els.map((e) => ({ title: e.title, r: e.getBoundingClientRect(), low: e.classList.contains('low') })));
  assert.ok(lanes.some((l) => l.title === 'humedad-cocina'), lanes.map((l) => l.title).join(','));
  for (const a of lanes) for (const b of lanes) {
    if (a !== b && a.low === b.low) assert.ok(a.r.right <= b.r.left + 1 || b.r.right <= a.r.left + 1, `${a.title} overlaps ${b.title}`);
  }
  await page.screenshot({ path: `${out}/trips-journey-1366.png` });
  await accessible(page, byId('journey'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a retained message\'s journey counts its new subscriber and tells each delivery once', async () => {
  const { context, page, errors } = await newStudent(LAPTOP);
  await page.goto(`${base}?lang=es`);
  await page.waitForSelector(byId('devices'));
  // Free play opens at the teaching speed: the sensor is connected a few seconds in.
  await page.waitForFunction((sel) => /; conectado/.test(document.querySelector(sel)?.getAttribute('aria-label') ?? ''), byId('node-sensor-cocina'));
  await page.selectOption(byId('publish-device'), 'sensor-cocina');
  await page.fill(byId('publish-topic'), 'Casa/Prueba/Nota');
  await page.fill(byId('publish-payload'), 'hola');
  await page.check(byId('publish-retain'));
  await page.click(byId('publish-submit'));
  await page.waitForTimeout(1500);
  await subscribe(page, 'panel', 'Casa/Prueba/#');
  await page.click(byId('tab-log'));
  await page.fill(byId('log-topic'), 'Casa/Prueba');
  await page.selectOption(byId('log-kind'), 'Published');
  await page.locator(byId('log-journey')).first().click();
  // The retained copy reaches panel when its subscription arrives (each packet seen on the
  // way, at the teaching speed).
  await page.waitForFunction((sel) => [...document.querySelectorAll(`${sel} li`)].some((l) => /«panel»/.test(l.textContent) && /recibió|entregó/.test(l.textContent)), byId('journey-story'), { timeout: 20_000 });
  const reach = await page.textContent(byId('journey-reach'));
  assert.doesNotMatch(reach, / de 0 /);
  const story = await page.$$eval(`${byId('journey-story')} li`, (li) => li.map((l) => l.textContent));
  assert.equal(new Set(story).size, story.length, `no line twice: ${story.join(' | ')}`);
  assert.equal(story.filter((l) => /«panel»/.test(l) && /recibió|entregó/.test(l)).length, 1, story.join(' | '));
  // The broker's own $SYS data is apart from the house's retained messages.
  await page.click(byId('tab-broker'));
  await page.waitForSelector(byId('broker-retained'));
  assert.doesNotMatch(await page.textContent(byId('broker-retained')), /\$SYS/);
  assert.match(await page.textContent(byId('broker-retained')), /Casa\/Prueba\/Nota = hola/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a first visit shows where to start; the lesson picker is labelled; a scheduled connection says so', async () => {
  const { context, page, errors } = await newStudent(LAPTOP);
  await page.goto(`${base}?lang=es`);
  await page.waitForSelector(byId('start-card'));
  assert.match(await page.textContent(byId('start-card')), /lecciones te guían/);
  const label = await page.$eval(byId('lesson-select'), (s) => s.labels[0]?.querySelector('.lesson-pick-label')?.textContent);
  assert.equal(label, 'Lección');
  assert.ok(await page.isVisible('.lesson-pick-label'), 'the picker\'s label is on screen');
  await accessible(page, 'body');
  await page.screenshot({ path: `${out}/trips-start-1366.png` });
  await page.click(byId('start-lesson'));
  await page.waitForFunction((sel) => /^1\./.test(document.querySelector(sel)?.textContent ?? ''), byId('lesson-title'));
  assert.equal(await page.isVisible(byId('start-card')), false);

  // Lesson 5: the screen connects by itself at 25 s, and says so beside its Disconnect button.
  await page.selectOption(byId('lesson-select'), 'retained');
  await page.waitForSelector(byId('device-status-pantalla'));
  assert.match(await page.textContent(byId('device-status-pantalla')), /se conectará a los 25 s/);
  assert.equal(await page.textContent(byId('device-online-pantalla')), 'No conectar', 'its button does not say Disconnect');
  assert.equal(await page.inputValue(byId('publish-topic')), 'Casa/Jardin/Riego');
  assert.deepEqual(errors, []);
  await context.close();
});

test('390×844: lessons 1 and 3 walked on a phone', async () => {
  const { context, page, errors } = await newStudent(PHONE);
  await page.goto(`${base}?lang=es&lesson=pubsub`);
  await page.waitForSelector(byId('lesson-intro'), { state: 'attached' });
  await page.click(byId('nav-lesson'));
  await walkSteps(page);
  await page.click(`${byId('hints')} summary`);
  await page.waitForTimeout(3_000);
  assert.equal(await page.$eval(byId('hints'), (d) => d.open), true);
  await page.click(byId('nav-actions'));
  assert.equal(await page.inputValue(byId('subscribe-device')), 'panel');
  await subscribe(page, 'panel', 'casa/cocina/temperatura');
  // The advice shows beside the forms, where the student is.
  await adviceMatching(page, 'acting-advice', /Nivel 1: «casa» no es «Casa»/);
  await page.screenshot({ path: `${out}/trips-advice-390.png` });
  await subscribe(page, 'panel', 'Casa/Cocina/Temperatura');
  // The goal met, the lesson moves on: the bar says the next step.
  await page.waitForFunction((sel) => /^Lección 4\/6$/.test(document.querySelector(sel)?.textContent ?? ''), byId('nav-lesson'));
  await page.click(byId('nav-lesson'));
  await walkSteps(page);
  await page.waitForSelector(`${byId('pass-story')} li`);
  assert.ok(await page.isVisible(byId('next-lesson')));
  await accessible(page, 'body');
  await page.screenshot({ path: `${out}/trips-passed-390.png` });

  await page.selectOption(byId('lesson-select'), 'queue');
  await page.waitForFunction((sel) => /^3\./.test(document.querySelector(sel)?.textContent ?? ''), byId('lesson-title'));
  await page.click(byId('nav-actions'));
  assert.equal(await page.inputValue(byId('subscribe-device')), 'movil');
  assert.equal(await page.inputValue(byId('subscribe-qos')), '1', 'QoS 0 is never queued: the queue lesson offers 1');
  assert.equal(await page.inputValue(byId('publish-topic')), 'Casa/Puerta/Timbre');
  assert.equal(await page.isChecked(byId('publish-retain')), false);
  await page.click(byId('nav-stage'));
  assert.doesNotMatch(await page.textContent(byId('diagram')), /\$SYS/);
  assert.deepEqual(await emojiInText(page), []);
  await accessible(page, 'body');
  await page.screenshot({ path: `${out}/trips-queue-390.png` });
  assert.deepEqual(errors, []);
  await context.close();
});
