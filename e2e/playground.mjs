// End-to-end: the playground in headless Chromium. Lesson 1 solved through the forms, a
// message's journey with its filter table, the wildcard tester's errors, the language switch,
// a narrow screen. Screenshots land in OUT_DIR. Usage: node e2e/playground.mjs BASE_URL OUT_DIR
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byId, suite, walkSteps, watchErrors } from './harness.mjs';

const { base, out, browser } = await suite();

test('lesson 1: subscribing the dashboard brings the kitchen temperature, and the goal turns green', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=es&lesson=pubsub`);
  await page.waitForSelector(byId('lesson-title'));
  assert.match(await page.textContent(byId('lesson-title')), /Publicar y suscribirse/);
  await page.screenshot({ path: `${out}/lesson1-start.png`, fullPage: true });
  await walkSteps(page);
  assert.equal(await page.getAttribute(byId('goal-0'), 'data-done'), 'false');

  await page.selectOption(byId('subscribe-device'), 'panel');
  await page.fill(byId('subscribe-filter'), 'Casa/Cocina/Temperatura');
  await page.click(byId('subscribe-submit'));
  await page.waitForFunction((sel) => /Casa\/Cocina\/Temperatura\s+-?\d+\.\d/.test(document.querySelector(sel)?.textContent ?? ''), byId('device-values-panel'));
  await page.waitForSelector(`${byId('goal-0')}[data-done="true"]`);
  await walkSteps(page);
  await page.waitForSelector(byId('lesson-passed'));
  // Screen readers hear each delivery.
  await page.waitForFunction((sel) => /entregado a 1 de 1 suscriptor\b/.test(document.querySelector(sel)?.textContent ?? ''), byId('live'));
  await page.screenshot({ path: `${out}/lesson1-passed.png`, fullPage: true });
  // Inside the broker: both sessions, the panel's subscription, the tree of published topics.
  await page.click(byId('tab-broker'));
  await page.waitForSelector(byId('session-panel'));
  assert.match(await page.textContent(byId('session-panel')), /Casa\/Cocina\/Temperatura/);
  const tree = await page.locator(`${byId('topic-tree')} li`).allTextContents();
  assert.deepEqual(tree.slice(0, 2).map((t) => t.trim()), ['Casa', 'Cocina']);
  assert.match(tree[2], /^Temperatura · \d+ · -?\d+\.\d$/);
  await page.screenshot({ path: `${out}/broker-panel.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a message journey shows the dissected bytes and the filter table', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=en&lesson=wildcards`);
  await page.waitForSelector(byId('lesson-title'));
  await page.selectOption(byId('subscribe-device'), 'panel');
  await page.fill(byId('subscribe-filter'), 'Casa/+/Temperatura');
  await page.click(byId('subscribe-submit'));
  // Wait for a routed publish in the log, then open its journey.
  await page.click(byId('tab-log'));
  await page.selectOption(byId('log-kind'), 'Published');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="log-journey"]').length > 2);
  await page.click(`${byId('play')}`); // pause, so the row stays put
  await page.locator(byId('log-journey')).last().click();
  await page.waitForSelector(byId('journey-filters'));
  const rows = await page.locator(byId('journey-filter-row')).count();
  assert.ok(rows >= 1, `filter rows: ${rows}`);
  const table = await page.textContent(byId('journey-filters'));
  assert.match(table, /Casa\/\+\/Temperatura/);
  assert.match(table, /Level 1/);
  const bytes = await page.locator(`${byId('journey-bytes')} .byte`).count();
  assert.ok(bytes > 10, `bytes: ${bytes}`);
  assert.match(await page.textContent(byId('journey-fields')), /Topic/);
  assert.match(await page.textContent(byId('journey-auth')), /anonymous/);
  assert.match(await page.textContent(byId('journey-reach')), /delivered to \d of \d subscribers?\b/);
  await page.locator(`${byId('journey-fields')} tr`).nth(2).hover();
  assert.ok(await page.locator(`${byId('journey-bytes')} .byte.hl`).count() > 0, 'hovering a field highlights its bytes');
  await page.screenshot({ path: `${out}/journey.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the wildcard tester explains matches and refuses invalid filters in both languages', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=es`);
  await page.click(byId('tab-wildcard'));
  await page.waitForSelector(byId('wild-results'));
  const verdicts = await page.locator(byId('wild-result')).evaluateAll((els) => els.map((e) => e.dataset.verdict));
  assert.deepEqual(verdicts, ['match', 'match', 'nomatch', 'nomatch', 'nomatch', 'nomatch']);
  await page.fill(byId('wild-filter'), 'Casa/#/Temperatura');
  await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? '').length > 5, byId('wild-error'));
  const es = await page.textContent(byId('wild-error'));
  assert.match(es, /#/);
  await page.fill(byId('wild-topics'), 'Casa/Cocina\nCasa/+/mal');
  await page.fill(byId('wild-filter'), 'Casa/#');
  await page.waitForFunction(() => document.querySelectorAll('[data-verdict="invalid"]').length === 1);
  await page.screenshot({ path: `${out}/wildcard-es.png`, fullPage: true });
  await page.click(`${byId('lang-switch')} [aria-pressed=false]`);
  await page.fill(byId('wild-filter'), 'Casa/#/x');
  // The English words come with the English texts, a moment after the switch: the Spanish
  // error stays until then (a missing translation would keep it, and time out here).
  await page.waitForFunction(([sel, es]) => {
    const t = document.querySelector(sel)?.textContent ?? '';
    return t.length > 5 && t !== es;
  }, [byId('wild-error'), es]);
  const en = await page.textContent(byId('wild-error'));
  assert.notEqual(en, es);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an invalid topic in the publish form is explained and nothing typed is lost', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=es`);
  await page.fill(byId('publish-topic'), 'Casa/+/Luz');
  await page.fill(byId('publish-payload'), 'hola <b>mundo</b>');
  assert.match(await page.textContent(byId('publish-error')), /comod/i);
  assert.equal(await page.isDisabled(byId('publish-submit')), true);
  assert.equal(await page.inputValue(byId('publish-topic')), 'Casa/+/Luz');
  await page.fill(byId('publish-topic'), 'Casa/Salon/Luz/Orden');
  assert.equal(await page.textContent(byId('publish-error')), '');
  await page.click(byId('publish-submit'));
  assert.equal(await page.inputValue(byId('publish-payload')), 'hola <b>mundo</b>');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a narrow phone screen and the dark theme still show the app', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=es&lesson=house`);
  await page.waitForSelector(byId('diagram'));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 362, `no horizontal scroll at 360 px (page is ${width} px wide)`);
  await page.click(byId('theme-toggle'));
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/phone-360.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a fault slider makes a link lossy, and the change is in the log', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=en&lesson=pubsub`);
  await page.click(`${byId('editor-cocina')} summary`);
  await page.locator(byId('loss-cocina')).fill('30');
  await page.locator(byId('loss-cocina')).dispatchEvent('change');
  await page.waitForSelector(`${byId('link-cocina')}.lossy`, { state: 'attached' });
  await page.click(byId('tab-log'));
  await page.selectOption(byId('log-kind'), 'DeviceChanged');
  await page.waitForFunction(() => /30\.0 %/.test(document.querySelector('[data-testid="timeline"]')?.textContent ?? ''));
  await page.screenshot({ path: `${out}/fault.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('new readings never rebuild a device card\'s settings: what is typed there stays', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=en&lesson=pubsub`);
  await page.click(`${byId('editor-cocina')} summary`);
  const will = page.locator(byId('will-topic-cocina'));
  await will.fill('Casa/Cocina/Estado');
  const before = await page.textContent(byId('device-values-cocina'));
  await page.waitForFunction(([sel, old]) => document.querySelector(sel)?.textContent !== old, [byId('device-values-cocina'), before]);
  assert.equal(await page.getAttribute(byId('editor-cocina'), 'open'), '');
  assert.equal(await will.inputValue(), 'Casa/Cocina/Estado');
  assert.deepEqual(errors, []);
  await page.close();
});

test('text meets WCAG AA contrast in the light and the dark theme', async () => {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${base}?lang=es&lesson=pubsub`);
    await page.waitForSelector(byId('lesson-title'));
    await page.waitForSelector('.seq-row .arrow-label');
    const ratios = await page.evaluate(() => {
      const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
      const lum = ([r, g, b]) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const bgOf = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const c = getComputedStyle(e).backgroundColor;
          if (c && !/rgba\(.*, 0\)$/.test(c) && c !== 'transparent') return c;
        }
        return getComputedStyle(document.body).backgroundColor;
      };
      const ratio = (el) => {
        const a = lum(rgb(getComputedStyle(el).color)), b = lum(rgb(bgOf(el)));
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      };
      const pick = ['[data-testid="lesson-title"]', '.lesson-intro', '.tagline', '[data-testid="play"]',
        '.device .kind', '.values .topic', '[data-testid="tab-log"]', '.seq-row .t', '.seq-row .arrow-label',
        '.seq-head .lane-name', 'label'];
      return pick.map((sel) => [sel, document.querySelector(sel) ? ratio(document.querySelector(sel)) : 99]);
    });
    for (const [sel, r] of ratios) assert.ok(r >= 4.5, `${scheme}: ${sel} contrast ${r.toFixed(2)} < 4.5`);
    await context.close();
  }
});

test('with reduced motion, packets jump between three points instead of gliding', async () => {
  const ys = async (reducedMotion) => {
    const context = await browser.newContext({ reducedMotion, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${base}?lang=en&lesson=pubsub`);
    await page.selectOption(byId('subscribe-device'), 'panel');
    await page.fill(byId('subscribe-filter'), 'Casa/#');
    await page.click(byId('subscribe-submit'));
    await page.click(`${byId('editor-cocina')} summary`);
    await page.locator(byId('latency-cocina')).fill('1500');
    await page.locator(byId('latency-cocina')).dispatchEvent('change');
    // Where the two devices are drawn (their boxes' centres), and the broker's box (a packet
    // stops at its edge, off its name).
    const centre = (sel) => page.$eval(`${sel} rect`, (r) => Number(r.getAttribute('y')) + Number(r.getAttribute('height')) / 2);
    const [a, b] = [await centre(byId('node-cocina')), await centre(byId('node-panel'))];
    const [top, bottom] = await page.$eval(`${byId('broker-node')} rect`, (r) => [Number(r.getAttribute('y')), Number(r.getAttribute('y')) + Number(r.getAttribute('height'))]);
    const seen = new Set();
    for (let i = 0; i < 80; i++) {
      const t = await page.locator(`${byId('diagram')} .packet`).evaluateAll((gs) => gs.map((g) => g.getAttribute('transform')));
      for (const tr of t) seen.add(Number(/translate\([\d.]+ ([\d.]+)\)/.exec(tr)?.[1]));
      await page.waitForTimeout(50);
    }
    await context.close();
    return [[...seen], new Set([a, (a + top) / 2, top, bottom, (b + bottom) / 2, b])];
  };
  // The two devices sit above and below the broker: a packet is at a device, halfway, or at
  // the broker's box.
  const [reduced, steps] = await ys('reduce');
  assert.ok(steps.size === 6 && !steps.has(NaN), `positions: ${[...steps]}`);
  assert.ok(reduced.length > 0, 'packets were drawn');
  assert.deepEqual(reduced.filter((y) => !steps.has(y)), [], `reduced motion positions: ${reduced}`);
  const [smooth] = await ys('no-preference');
  assert.ok(smooth.some((y) => !steps.has(y)), `animation glides: ${smooth}`);
});
