// End-to-end: the pseudo-locale (`?lang=qps`) walks the views and fails on any visible text,
// or any label a screen reader hears, that did not come from the catalogue. Catalogue texts
// show accented and bracketed (`[Ṕúƀĺíšĥ]`); values (topics, payloads, device names, numbers)
// sit in elements marked `translate="no"` and are skipped. Usage: node e2e/pseudo.mjs BASE OUT
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byId, suite, walkSteps, watchErrors } from './harness.mjs';

const { base, out, browser } = await suite();

/** Visible texts and spoken labels that are not pseudo-localized, with where they are. */
async function unlocalized(page) {
  return page.evaluate(() => {
    const bad = [];
    // A text passes when, with its bracketed parts taken out, no Latin letter is left.
    const plain = (t) => /[A-Za-z]/.test(t.replace(/\[[^\[\]]*\]/g, ''));
    // Values are marked `translate="no"`; `code` holds values too (browser translators leave it).
    const data = (el) => el.closest('[translate="no"], code, script, style, noscript, svg title');
    const where = (el) => {
      const id = el.closest('[data-testid]')?.getAttribute('data-testid');
      return `${el.tagName.toLowerCase()}${id ? ` in ${id}` : ''}`;
    };
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      const t = n.nodeValue.trim();
      if (!t || !el || data(el) || !el.checkVisibility()) continue;
      if (plain(t)) bad.push(`${where(el)}: ${t.slice(0, 80)}`);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-valuetext]')) {
      if (data(el)) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext']) {
        const v = el.getAttribute(a);
        if (v && plain(v)) bad.push(`${where(el)} @${a}: ${v.slice(0, 80)}`);
      }
    }
    return bad;
  });
}

const views = [
  ['free play: stage, devices, forms', '', async () => {}],
  ['a lesson with its steps, a prediction and its outcome', 'lesson=wildcards', async (page) => {
    await page.waitForSelector(byId('step-0'));
    await walkSteps(page);
  }],
  ['the log, and a journey', 'lesson=pubsub', async (page) => {
    await page.selectOption(byId('subscribe-device'), 'panel');
    await page.fill(byId('subscribe-filter'), 'Casa/#');
    await page.click(byId('subscribe-submit'));
    await page.click(byId('tab-log'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="log-journey"]').length > 1);
    await page.click(byId('play'));
    await page.locator(byId('log-journey')).last().click();
    await page.waitForSelector(byId('journey-filters'));
  }],
  ['the broker internals', 'lesson=queue', async (page) => {
    await page.click(byId('tab-broker'));
    await page.waitForSelector(byId('broker-sessions'));
  }],
  ['the wildcard tester with an error', '', async (page) => {
    await page.click(byId('tab-wildcard'));
    await page.fill(byId('wild-filter'), 'Casa/#/x');
    await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? '').length > 5, byId('wild-error'));
  }],
  ['share and export', '', async (page) => {
    await page.click(`${byId('share-panel')} summary`);
    await page.click(byId('share-link'));
    await page.waitForSelector(byId('share-output'));
  }],
  ['a capture exported, then opened', 'lesson=pubsub', async (page) => {
    await page.waitForTimeout(1500);
    await page.click(byId('play'));
    await page.click(byId('tab-capture'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(byId('capture-export'))]);
    await page.setInputFiles(byId('capture-file'), await download.path());
    await page.waitForSelector(byId('capture-summary'));
    await page.locator(byId('capture-packet')).nth(2).click();
  }],
  ['a lesson with an eavesdropper on the network', 'lesson=security', async (page) => {
    await page.waitForSelector(byId('lesson-title'));
    await page.waitForTimeout(1500);
  }],
  ['an MQTT 5 lesson', 'lesson=request', async (page) => {
    await page.waitForSelector(byId('lesson-title'));
  }],
  ['a scenario that cannot be read', 'scenario=data:application/json,%7B%22version%22%3A1%2C%22devices%22%3A5%7D', async (page) => {
    await page.waitForSelector(byId('notice-error'));
  }],
  ['the real-broker client with the doctor', 'mode=real', async (page) => {
    await page.waitForSelector(byId('real-url'));
    await page.fill(byId('real-url'), 'mqtt://127.0.0.1:1883');
    await page.click(byId('real-connect-button'));
    await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? '').length > 5, byId('real-form-error'));
  }],
];

for (const [name, query, go] of views) {
  test(`pseudo-locale: ${name}`, async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchErrors(page);
    await page.goto(`${base}?lang=qps${query ? `&${query}` : ''}`);
    await page.waitForSelector(byId('app-title'));
    await go(page);
    await page.waitForTimeout(300);
    const bad = await unlocalized(page);
    await page.screenshot({ path: `${out}/qps-${name.split(/[ :,]/)[0]}-${views.findIndex((v) => v[0] === name)}.png`, fullPage: true });
    assert.deepEqual(bad, [], `${bad.length} texts not from the catalogue:\n${bad.join('\n')}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
