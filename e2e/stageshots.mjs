// The stage's screenshots for the README (docs/screenshots/stage-*.png): free play in both
// themes at 1366×768, in the 900×650 embed and at 390×844; the queue lesson with the phone
// offline; the 20- and 100-device houses. Usage (on demand, from the repository root, dist/ served): node e2e/stageshots.mjs BASE_URL
import { chromium } from 'playwright-core';
const base = process.argv[2] ?? 'http://127.0.0.1:8931/';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const shot = async (name, query, viewport, scheme = 'light', act) => {
  const p = await b.newPage({ viewport, colorScheme: scheme });
  await p.goto(base + query);
  await p.waitForSelector('[data-testid="diagram"] .device');
  if (act) await act(p);
  await p.waitForTimeout(6500);
  await p.locator('[data-testid="diagram"]').screenshot({ path: `docs/screenshots/${name}.png` });
  await p.close();
};
// Free play opens at the teaching speed: the order once the phone is connected, the shot once
// every sensor has a reading and the panel two.
const order = async (p) => {
  await p.waitForFunction(() => /; conectado/.test(document.querySelector('[data-testid="node-movil"]')?.getAttribute('aria-label') ?? ''), null, { timeout: 30_000 });
  await p.fill('[data-testid="publish-topic"]', 'Casa/Salon/Luz/Orden');
  await p.fill('[data-testid="publish-payload"]', 'ON');
  await p.click('[data-testid="publish-submit"]');
  await p.waitForFunction(() => [...document.querySelectorAll('[data-testid^="state-sensor-"]')].every((e) => /°C/.test(e.textContent))
    && (document.querySelector('[data-testid="node-panel"]')?.getAttribute('aria-label') ?? '').split('Casa/').length > 3, null, { timeout: 60_000 });
};
for (const scheme of ['light', 'dark']) {
  await shot(`stage-1366-${scheme}`, '?lang=es', { width: 1366, height: 768 }, scheme, order);
  await shot(`stage-900-embed-${scheme}`, '?lang=es&embed=1', { width: 900, height: 650 }, scheme, order);
  await shot(`stage-390-${scheme}`, '?lang=es', { width: 390, height: 844 }, scheme, order);
}
await shot('stage-queue-1366', '?lang=es&lesson=queue', { width: 1366, height: 768 }, 'light', async (p) => {
  await p.click('[data-testid="editor-movil"] summary');
  await p.uncheck('[data-testid="clean-movil"]');
  const online = '[data-testid="device-online-movil"]';
  const until = (re) => p.waitForFunction((src) => new RegExp(src).test(document.querySelector('[data-testid="node-movil"]')?.getAttribute('aria-label') ?? ''), re.source);
  await p.click(online); await until(/desconectado/);
  await p.click(online); await until(/(?<!des)conectado/);
  await p.click(online); await until(/desconectado/);
  await p.waitForFunction(() => Number(document.querySelector('[data-testid="broker-queue-movil"]')?.textContent.match(/· (\d+)/)?.[1]) >= 3, null, { timeout: 30_000 });
});
await shot('stage-house20-1366', '?lang=es&demo=house&devices=20', { width: 1366, height: 768 });
await shot('stage-house100-1366', '?lang=es&demo=house', { width: 1366, height: 768 });
await b.close();
