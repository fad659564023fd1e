// End-to-end: the SCORM 1.2 package in a learning platform's place. A parent page runs npm
// scorm-again (a real SCORM 1.2 runtime, as LMSs embed) as `window.API` and launches a SCO
// from the manifest's href, from the package unzipped under a sub-path. Lesson 1 is passed
// with the keyboard; the runtime's CMI must say `passed`, with the score and a session time,
// committed, and finished when the SCO goes away. Every file the manifest names is in the zip.
// Usage: node e2e/scorm.mjs OUT_DIR (after scripts/build.sh, which writes the package)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessible, byId, suite, walkStepsByKeys, watchErrors } from './harness.mjs';
import { cmi, startLms, unzip } from './lms.mjs';

const { out, browser } = await suite({ outArg: 2, after: () => lms.close() });
const zip = process.env.SCORM_ZIP ?? 'dist/scorm/mqtt-playground-scorm12.zip';
const { root, listed, manifest, scos, named } = await unzip(zip);
const pubsub = scos.find((s) => s.href.includes('lesson=pubsub'));
const lms = await startLms(root, pubsub?.href ?? '');
const { origin } = lms;

test('the package: one SCO per lesson launching index.html?lesson=ID&embed=1, every file in the zip', () => {
  assert.ok(scos.length >= 13, `${scos.length} SCOs`);
  for (const { id, href } of scos) assert.equal(href, `index.html?lesson=${id.replace(/^sco-/, '')}&embed=1`);
  assert.match(manifest, /<schemaversion>1\.2<\/schemaversion>/);
  assert.ok(named.includes('index.html'));
  assert.ok(named.some((f) => f.endsWith('.wasm')), 'the wasm is named');
  for (const f of named) assert.ok(listed.includes(f), `${f} is named by the manifest but not in the zip`);
  for (const f of listed) assert.ok(f === 'imsmanifest.xml' || named.includes(f), `${f} is in the zip but not in the manifest`);
});

/** The LMS's page at 1366×768 with lesson 1 launched in its frame. */
async function launched() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${origin}/lms.html`);
  const frame = page.frameLocator('#sco');
  await frame.locator(byId('lesson-title')).waitFor();
  return { context, page, errors, frame };
}

test('inside an LMS: incomplete at launch, passed with score and session time, finished on leaving', async () => {
  const { context, page, errors, frame } = await launched();
  await frame.locator(byId('lms-status')).waitFor();
  let now = await cmi(page);
  assert.equal(now.status, 'incomplete');
  assert.equal(now.log[0], 'LMSInitialize');
  assert.ok(now.log.includes('LMSCommit'));

  // Lesson 1 with the keyboard alone: the dashboard subscribes to the kitchen temperature.
  const sco = page.frames().find((f) => f.url().includes('lesson=pubsub'));
  const focused = () => sco.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  await frame.locator(byId('lesson-select')).focus();
  const tabTo = async (id) => {
    for (let i = 0; i < 300 && await focused() !== id; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), id, `Tab reaches ${id}`);
  };
  // Read on, predict and answer with the keys (Space ticks nothing in the first prediction:
  // "nobody", right; the first options of the next prediction and of the quiz are wrong).
  await walkStepsByKeys(page, { doc: sco });
  await tabTo('subscribe-device');
  for (let i = 0; i < 8 && await frame.locator(byId('subscribe-device')).inputValue() !== 'panel'; i++) {
    await page.keyboard.press('ArrowDown');
  }
  await tabTo('subscribe-filter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Casa/Cocina/Temperatura');
  await page.keyboard.press('Enter');
  await frame.locator(`${byId('goal-0')}[data-done="true"]`).waitFor();
  await walkStepsByKeys(page, { doc: sco });
  await frame.locator(byId('lesson-passed')).waitFor();
  await page.waitForFunction(() => window.API.cmi.core.lesson_status === 'passed');
  now = await cmi(page);
  // The goal met and one question of three right at the first answer: 2 of 4.
  assert.equal(now.raw, '50');
  // Each question's first answer, as an interaction (write-only for the SCO: read in the log).
  const results = now.log.filter((l) => /^cmi\.interactions\.\d+\.(id|result)=/.test(l));
  assert.deepEqual(results, [
    'cmi.interactions.0.id=step-1', 'cmi.interactions.0.result=correct',
    'cmi.interactions.1.id=step-4', 'cmi.interactions.1.result=wrong',
    'cmi.interactions.2.id=step-5', 'cmi.interactions.2.result=wrong',
  ]);
  assert.ok(now.log.includes('cmi.core.lesson_status=passed'));
  const time = now.log.find((l) => l.startsWith('cmi.core.session_time='));
  assert.match(time ?? '', /^cmi\.core\.session_time=\d{2,4}:\d{2}:\d{2}\.\d{2}$/);
  assert.ok(now.log.lastIndexOf('LMSCommit') > now.log.indexOf('cmi.core.lesson_status=passed'), 'committed after passing');
  await page.screenshot({ path: `${out}/scorm-lms.png` });
  await accessible(page, 'body');
  await accessible(sco, 'body');

  // The LMS moves on: the SCO's page goes away and finishes the attempt.
  await page.evaluate(() => { document.getElementById('sco').src = 'about:blank'; });
  await page.waitForFunction(() => window.lmsLog.includes('LMSFinish'));
  assert.equal(await page.evaluate(() => window.API.cmi.core.lesson_status), 'passed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('inside an LMS, the package keeps working offline after a first launch', async () => {
  const { context, page, errors } = await launched();
  // The package's service worker takes its folder, from inside the LMS's frame.
  const sco = page.frames().find((f) => f.url().includes('lesson=pubsub'));
  await sco.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
  const scope = await sco.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(new URL(scope).pathname, '/pkg/');
  // The school's line drops; the LMS launches the lesson again.
  await context.setOffline(true);
  const href = await page.evaluate(() => document.getElementById('sco').src);
  await page.evaluate(() => { document.getElementById('sco').src = 'about:blank'; });
  await page.evaluate((h) => { document.getElementById('sco').src = h; }, href);
  await page.frameLocator('#sco').locator(byId('lesson-title')).waitFor();
  await page.frameLocator('#sco').locator(byId('node-panel')).waitFor();
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e)), []);
  await context.close();
});

test('outside an LMS nothing changes', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${origin}/pkg/${pubsub.href}`);
  await page.waitForSelector(byId('lesson-title'));
  assert.equal(await page.locator(byId('lms-status')).count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
