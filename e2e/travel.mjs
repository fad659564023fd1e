// End-to-end: time travel. The scrubber under the stage moves the whole page to any past
// point (goals, log, sequence, broker internals, stage), with the keyboard too; *continue from
// here* forks a new future that one undo takes back; a link shared after a fork opens, in a
// fresh browser context, at the same point with the same last event.
// Usage: node e2e/travel.mjs BASE_URL OUT_DIR
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessible, byId, suite, walkSteps, watchErrors } from './harness.mjs';

const { base, out, browser } = await suite();

/** The page's run figures (`published`, `events`, `now_ms`, `last`). */
const stats = async (page) => Object.fromEntries(
  (await page.textContent(byId('stats'))).trim().split(' ').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]),
);
/** The scrubber's value and end. */
const scrub = (page) => page.$eval(byId('scrub'), (el) => ({ value: Number(el.value), max: Number(el.max), text: el.getAttribute('aria-valuetext') }));
/** Waits until the scrubber's value satisfies `f`. */
const scrubbed = (page, f, arg) => page.waitForFunction(([src, arg]) => {
  const el = document.querySelector('[data-testid="scrub"]');
  return el && new Function('v', 'm', 'a', `return (${src})(v, m, a)`)(Number(el.value), Number(el.max), arg);
}, [f.toString(), arg]);
const goalDone = (page, i) => page.getAttribute(byId(`goal-${i}`), 'data-done');

/** Lesson 1 solved at a quick speed: the dashboard subscribed and a reading received. */
async function solved(page, lang, phone = false) {
  await page.goto(`${base}?lang=${lang}&lesson=pubsub`);
  if (phone) await page.click(byId('nav-lesson'));
  await page.waitForSelector(byId('step-0'));
  await walkSteps(page);
  await page.waitForSelector(byId('goal-0'), { state: 'attached' });
  await page.selectOption(byId('speed'), '5');
  if (phone) await page.click(byId('nav-actions'));
  await page.selectOption(byId('subscribe-device'), 'panel');
  await page.fill(byId('subscribe-filter'), 'Casa/Cocina/Temperatura');
  await page.click(byId('subscribe-submit'));
  await page.waitForSelector(`${byId('goal-0')}[data-done="true"]`, { state: 'attached', timeout: 30_000 });
}

test('scrubbing back before a goal was met shows it unmet, in every view; the keyboard steps back and forth', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchErrors(page);
  await solved(page, 'es');
  assert.equal(await page.getAttribute(byId('scrub'), 'aria-label'), 'Línea de tiempo de la ejecución');
  assert.equal(await page.isVisible(byId('in-past')), false, 'live: not in the past');
  await page.click(byId('tab-log'));
  // To the start with Home: nothing has happened yet.
  await page.focus(byId('scrub'));
  await page.keyboard.press('Home');
  await scrubbed(page, (v) => v === 0);
  assert.equal(await goalDone(page, 0), 'false', 'at the start the goal is not met');
  assert.equal((await stats(page)).events, 0);
  assert.equal(await page.getAttribute(byId('play'), 'aria-pressed'), 'false', 'the past is paused');
  await page.waitForSelector(byId('in-past'), { state: 'visible' });
  assert.match(await page.textContent(byId('scrub-pos')), /^0\.000 s · evento 0 de \d+$/);
  assert.match((await scrub(page)).text, /^0\.000 s, el principio \(0 de \d+ eventos\)$/);
  await page.waitForFunction(() => /^0 /.test(document.querySelector('[data-testid="log-count"]')?.textContent ?? ''));
  // Drag it to the middle with the mouse: the log holds exactly the events up to there.
  const box = await page.locator(byId('scrub')).boundingBox();
  await page.mouse.move(box.x + 4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const mid = await scrub(page);
  assert.ok(mid.value > mid.max * 0.3 && mid.value < mid.max * 0.7, JSON.stringify(mid));
  assert.equal((await stats(page)).events, mid.value);
  await page.waitForFunction((n) => document.querySelector('[data-testid="log-count"]')?.textContent?.startsWith(`${n} `), mid.value);
  assert.match(mid.text, /^\d+\.\d{3} s, evento \d+ de \d+: .+/);
  // Step back and forth with the keyboard: one event back, then forward to the same point.
  await page.focus(byId('scrub'));
  await page.keyboard.press('ArrowLeft');
  await scrubbed(page, (v, m, a) => v < a, mid.value);
  const back = await scrub(page);
  assert.equal((await stats(page)).events, back.value);
  await page.keyboard.press('ArrowRight');
  await scrubbed(page, (v, m, a) => v === a, mid.value);
  // One packet exchange back: the point right after a packet opening an exchange left.
  await page.keyboard.press('Shift+ArrowLeft');
  await scrubbed(page, (v, m, a) => v < a, mid.value);
  const exchange = await scrub(page);
  assert.ok(mid.value - exchange.value >= 1, JSON.stringify({ mid, exchange }));
  // The broker's internals at the start hold no session; at the end the dashboard's.
  await page.click(byId('tab-broker'));
  await page.focus(byId('scrub'));
  await page.keyboard.press('Home');
  await scrubbed(page, (v) => v === 0);
  await page.waitForSelector(byId('broker-sessions'));
  assert.equal(await page.locator(byId('session-panel')).count(), 0, 'no session at the start');
  await accessible(page, 'body');
  await page.screenshot({ path: `${out}/travel-past-1366.png` });
  // End: the live run again, playing, the goal met, the session there.
  await page.keyboard.press('End');
  await scrubbed(page, (v, m) => v === m);
  await page.waitForSelector(byId('in-past'), { state: 'hidden' });
  assert.equal(await goalDone(page, 0), 'true');
  assert.equal(await page.getAttribute(byId('play'), 'aria-pressed'), 'true', 'the end resumes the live run');
  await page.waitForSelector(byId('session-panel'));
  // Its tables fit the tab's column at 1366 px: nothing to scroll sideways.
  const overflow = await page.$$eval(`${byId('broker-panel')} .table-wrap`, (ws) => ws.map((w) => w.scrollWidth - w.clientWidth));
  assert.ok(overflow.length > 0 && overflow.every((d) => d <= 0), JSON.stringify(overflow));
  // The words follow the language.
  await page.click(`${byId('lang-switch')} [aria-pressed=false]`);
  await page.waitForFunction(() => document.querySelector('[data-testid="scrub"]')?.getAttribute('aria-label') === 'Run timeline');
  assert.match((await scrub(page)).text, /event \d+ of \d+/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('continue from here forks a new future, undo brings the old one back, and a link shared after a fork opens at the same point', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await solved(page, 'en');
  await page.waitForTimeout(1500);
  await page.focus(byId('scrub'));
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.waitForSelector(byId('continue-here'), { state: 'visible' });
  const before = await scrub(page);
  assert.ok(before.value < before.max, JSON.stringify(before));
  // Continue from here: the future after this point is dropped, and the run plays on.
  await page.click(byId('continue-here'));
  await page.waitForSelector(byId('undo-fork'), { state: 'visible' });
  await page.waitForSelector(byId('in-past'), { state: 'hidden' });
  assert.match(await page.textContent(byId('fork-said')), /A new future from here/);
  assert.equal(await page.getAttribute(byId('play'), 'aria-pressed'), 'true');
  // Undo: the old future is back on the scrubber, the run paused where the fork was made.
  await page.click(byId('undo-fork'));
  await scrubbed(page, (v, m, a) => v === a.value && m === a.max, before);
  assert.match(await page.textContent(byId('fork-said')), /earlier future is back/);
  // Fork again, this time with an action: the dashboard subscribes to more.
  await page.selectOption(byId('subscribe-device'), 'panel');
  await page.fill(byId('subscribe-filter'), 'Casa/#');
  await page.click(byId('subscribe-submit'));
  await page.waitForSelector(byId('in-past'), { state: 'hidden' });
  await page.waitForTimeout(1000);
  await page.click(byId('play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="play"]')?.getAttribute('aria-pressed') === 'false');
  const forked = await stats(page);
  await page.click(`${byId('share-panel')} summary`);
  await page.click(byId('share-link'));
  await page.waitForSelector(byId('share-output'));
  const link = await page.inputValue(byId('share-output'));
  assert.match(link, /#share=/);
  // A fresh browser context opens it: the same point, the same last event.
  const fresh = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const other = await fresh.newPage();
  const otherErrors = watchErrors(other);
  await other.goto(link);
  await other.waitForFunction(() => /opened|abierta/i.test(document.querySelector('[data-testid="notice-info"]')?.textContent ?? ''), null, { timeout: 30_000 });
  const opened = await stats(other);
  assert.equal(opened.events, forked.events);
  assert.equal(opened.now_ms, forked.now_ms);
  assert.equal(opened.last, forked.last, 'the same last event');
  assert.equal((await scrub(other)).value, forked.events);
  // The scrubber says the same: time, number and what the last event was.
  assert.equal((await scrub(other)).text, (await scrub(page)).text);
  assert.deepEqual([...errors, ...otherErrors], []);
  await fresh.close();
  await context.close();
});

test('on a phone the scrubber sits with the stage and is reachable', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors = watchErrors(page);
  await solved(page, 'es', true);
  await page.click(byId('nav-stage'));
  await page.focus(byId('scrub'));
  await page.keyboard.press('Shift+ArrowLeft');
  await page.waitForSelector(byId('in-past'), { state: 'visible' });
  const box = await page.locator(byId('scrubber')).boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
  await accessible(page, 'body');
  await page.screenshot({ path: `${out}/travel-past-390.png` });
  assert.deepEqual(errors, []);
  await page.close();
});
