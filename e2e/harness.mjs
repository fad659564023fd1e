// The e2e harness every suite uses: Debian's Chromium through playwright-core with the flags
// this closed network needs, where the app is served and screenshots go, pages that collect
// their errors, the test-id selector, axe-core, and the two screens we judge (1366×768, 390×844).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on what `selector` holds: no violations. */
export async function accessible(page, selector) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (sel) => {
    const r = await window.axe.run(document.querySelector(sel));
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
  assert.deepEqual(violations, [], `axe on ${selector}`);
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/** How long a test waits for the page before failing (ms). */
export const TIMEOUT = 15_000;

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * Collects page errors and console errors so a test can assert there were none (`ignore`: a
 * message the test's own setting causes, not the app).
 */
export function watchErrors(page, { ignore } = {}) {
  page.setDefaultTimeout(TIMEOUT);
  const errors = [];
  const note = (e) => { if (!ignore?.test(e)) errors.push(e); };
  page.on('pageerror', (e) => note(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') note(`console: ${m.text()}`); });
  return errors;
}

/** A test id as a selector. */
export const byId = (id) => `[data-testid="${id}"]`;

/** A school laptop's screen, and a phone's. */
export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/**
 * A suite's setting: the app's address (`E2E_BASE` or the `baseArg`-th argument), the
 * screenshots' folder (`E2E_OUT` or the `outArg`-th argument, made if missing) and a browser
 * closed after the suite's tests (then `after` runs, to stop what the suite started).
 */
export async function suite({ baseArg = 2, outArg = 3, after } = {}) {
  const base = process.env.E2E_BASE ?? process.argv[baseArg] ?? 'http://127.0.0.1:18080/';
  const out = process.env.E2E_OUT ?? process.argv[outArg] ?? 'target/e2e';
  await mkdir(out, { recursive: true });
  const browser = await launch();
  test.after(async () => {
    await browser.close();
    await after?.();
  });
  return { base, out, browser };
}

/** A page in a fresh browser profile (nothing stored), its errors collected. */
export async function fresh(browser, { viewport = LAPTOP, locale } = {}) {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors };
}

/** The real-broker view in a new page (1400×1000), its errors collected. */
export async function openReal(browser, base, lang = 'es') {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=${lang}&mode=real`);
  await page.waitForSelector(byId('real-connect'));
  return { page, errors };
}

/**
 * Goes through a lesson's open steps as a student would, up to the next step done on the
 * stage (or the end): reads on, commits each prediction (what is ticked, or the first
 * option), and answers each quiz until right. `scope` is a page or a frame.
 */
export async function walkSteps(scope) {
  // The steps come with the lesson's file (fetched when it opens).
  await scope.locator(byId('steps')).waitFor({ state: 'attached' });
  for (let i = 0; i < 40; i++) {
    const open = scope.locator('.step.open');
    if ((await open.count()) === 0) return;
    const cls = (await open.getAttribute('class')) ?? '';
    if (cls.includes('act')) return;
    // A question's code comes when the first one is near: its loading line, then the question.
    await open.locator(byId('lazy-loading')).waitFor({ state: 'detached' });
    if (cls.includes('predict') && (await open.locator(byId('predict-commit')).count())) {
      const radio = open.locator('input[type=radio]').first();
      if (await radio.count()) await radio.check();
      await open.locator(byId('predict-commit')).click();
    }
    if (cls.includes('quiz')) {
      const options = open.locator('input[type=radio]');
      for (let j = 0; j < (await options.count()); j++) {
        if (await open.locator(`${byId('quiz-feedback')}[data-right="true"]`).count()) break;
        await options.nth(j).check();
        await open.locator(byId('quiz-answer')).click();
        await open.locator(byId('quiz-feedback')).waitFor();
      }
    }
    const id = await open.getAttribute('data-testid');
    await open.locator(byId('step-next')).click();
    await scope.locator(`${byId(id)}:not(.open)`).waitFor();
  }
  throw new Error('walkSteps: more than 40 steps');
}

/**
 * Presses Tab until the element with test id `id` has the focus (in `doc`: the page, or the
 * frame the app runs in).
 */
export async function tabTo(page, id, { max = 300, doc = page } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await doc.evaluate((want) => document.activeElement?.getAttribute('data-testid') === want, id)) return;
  }
  throw new Error(`Tab never reached ${id}`);
}

/**
 * As `walkSteps`, with the keyboard alone: Tab to each control, Space to tick or choose,
 * Enter to press. `doc` is the page, or the frame the app runs in.
 */
export async function walkStepsByKeys(page, { doc = page } = {}) {
  const tab = (id) => tabTo(page, id, { doc });
  await doc.locator(byId('steps')).waitFor({ state: 'attached' });
  for (let i = 0; i < 40; i++) {
    const open = doc.locator('.step.open');
    if ((await open.count()) === 0) return;
    const cls = (await open.getAttribute('class')) ?? '';
    if (cls.includes('act')) return;
    await open.locator(byId('lazy-loading')).waitFor({ state: 'detached' });
    if (cls.includes('predict') && (await open.locator(byId('predict-commit')).count())) {
      if (await open.locator('input[type=radio]').count()) {
        await tab('choice-0');
        await page.keyboard.press('Space');
      }
      await tab('predict-commit');
      await page.keyboard.press('Enter');
      // The outcome takes the keyboard once drawn; Tab on from there.
      await doc.waitForFunction(() => document.activeElement?.id?.startsWith('verdict-'));
    }
    if (cls.includes('quiz')) {
      const options = await open.locator('input[type=radio]').count();
      for (let j = 0; j < options; j++) {
        if (await open.locator(`${byId('quiz-feedback')}[data-right="true"]`).count()) break;
        // Tab reaches a radio group once (its checked option); the arrows move within it.
        if (j === 0) {
          await tab('quiz-option-0');
          await page.keyboard.press('Space');
        } else {
          await tabTo(page, `quiz-option-${j - 1}`, { doc });
          await page.keyboard.press('ArrowDown');
        }
        await tab('quiz-answer');
        await page.keyboard.press('Enter');
        await open.locator(byId('quiz-feedback')).waitFor();
      }
    }
    const id = await open.getAttribute('data-testid');
    const next = `step-${Number((await open.getAttribute('id')).replace(/\D+/g, '')) + 1}`;
    await tab('step-next');
    await page.keyboard.press('Enter');
    await doc.locator(`${byId(id)}:not(.open)`).waitFor();
    // The next step takes the keyboard once drawn; Tab on from there.
    await doc.waitForFunction((n) => !document.getElementById(n) || document.activeElement?.id === n, next);
  }
  throw new Error('walkStepsByKeys: more than 40 steps');
}

/**
 * What a first visit fetches: every file of the page's origin that Chromium requests within
 * `ms` of opening `query` in a fresh context (no interaction), sized gzip -9 from `dist`.
 * Returns `{ files: [[path, bytes]…] (largest first), bytes }`.
 */
export async function firstVisit(browser, base, query, { ms = 4000, dist = 'dist' } = {}) {
  const context = await browser.newContext({ viewport: LAPTOP });
  const page = await context.newPage();
  const root = new URL(base);
  const seen = new Set();
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin === root.origin) seen.add(u.pathname.slice(root.pathname.length) || 'index.html');
  });
  await page.goto(`${base}${query}`);
  await page.waitForTimeout(ms);
  await context.close();
  const files = [...seen].map((f) => [f, gzipSync(readFileSync(`${dist}/${f}`), { level: 9 }).length]);
  files.sort((a, b) => b[1] - a[1]);
  return { files, bytes: files.reduce((sum, [, b]) => sum + b, 0) };
}
