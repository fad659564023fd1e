// End-to-end: the bridge to Wireshark in headless Chromium. A packet dissected bit by bit
// (a byte lights its field, a field its bytes, the arrow keys walk the bytes), the run
// downloaded as a capture that tshark decodes, that capture opened again with its packets and
// journeys, and broken files refused with a clear message while the page keeps what it had.
// Every view it opens passes axe-core. Usage: node e2e/capture.mjs BASE_URL OUT_DIR
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessible, byId, suite, walkSteps, watchErrors } from './harness.mjs';

const { base, out, browser } = await suite();

const tmp = await mkdtemp(join(tmpdir(), 'mqtt-capture-'));

/** The MQTT message types tshark decodes in a file. */
function tsharkTypes(file) {
  const text = execFileSync('tshark', ['-r', file, '-Y', 'mqtt', '-T', 'fields', '-e', 'mqtt.msgtype'], { encoding: 'utf8' });
  return text.split(/[\n,]/).map((t) => t.trim()).filter(Boolean);
}

/** A lesson played a while with its subscription made, paused, on the captures tab. */
async function playedLesson(lang) {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=${lang}&lesson=pubsub`);
  await page.waitForSelector(byId('lesson-title'));
  await walkSteps(page);
  await page.selectOption(byId('subscribe-device'), 'panel');
  await page.fill(byId('subscribe-filter'), 'Casa/Cocina/Temperatura');
  await page.click(byId('subscribe-submit'));
  await page.waitForSelector(`${byId('goal-0')}[data-done="true"]`);
  // Two more messages routed to the dashboard, then pause.
  const published = async () => Number(/published=(\d+)/.exec(await page.textContent(byId('stats')))[1]);
  const now = await published();
  await page.waitForFunction((n) => Number(/published=(\d+)/.exec(document.querySelector('[data-testid="stats"]').textContent)[1]) >= n + 2, now);
  await page.click(byId('play')); // pause
  await page.click(byId('tab-capture'));
  await page.waitForSelector(byId('capture-panel'));
  return { page, errors };
}

let exported = null;

/** A page on the captures tab with the exported capture opened (in Spanish). */
async function openedExport() {
  assert.ok(exported, 'the export test ran first');
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=es&view=capture`);
  await page.waitForSelector(byId('capture-panel'));
  await page.setInputFiles(byId('capture-file'), exported);
  await page.waitForSelector(byId('capture-summary'));
  return { page, errors };
}

test('the run downloads as a capture that tshark decodes, packet for packet', async () => {
  const { page, errors } = await playedLesson('es');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(byId('capture-export'))]);
  assert.match(download.suggestedFilename(), /^mqtt-playground-pubsub-seed\d+\.pcapng$/);
  exported = join(tmp, download.suggestedFilename());
  await download.saveAs(exported);
  const notice = await page.textContent(byId('notice-info'));
  const n = Number(/Captura guardada: (\d+) paquetes MQTT/.exec(notice)?.[1]);
  assert.ok(n > 5, notice);
  const types = tsharkTypes(exported);
  assert.equal(types.length, n, `tshark decodes ${types.length}, the page wrote ${n}`);
  assert.deepEqual(types.slice(0, 2), ['1', '1']); // both devices CONNECT first
  assert.ok(types.includes('8') && types.includes('3'), 'SUBSCRIBE and PUBLISH are there');
  const bad = execFileSync('tshark', ['-r', exported, '-Y', '_ws.malformed || _ws.expert.severity >= error'], { encoding: 'utf8' });
  assert.equal(bad.trim(), '');
  // The share panel offers the same export.
  await page.click(`${byId('share-panel')} summary`);
  const [again] = await Promise.all([page.waitForEvent('download'), page.click(byId('export-pcap'))]);
  assert.match(again.suggestedFilename(), /\.pcapng$/);
  await accessible(page, byId('capture-panel'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('an opened capture lists its packets, follows each PUBLISH and dissects it bit by bit', async () => {
  const { page, errors } = await openedExport();
  assert.match(await page.textContent(byId('capture-summary')), /^\d+ paquetes MQTT en 2 conexiones/);
  const streams = await page.textContent(byId('capture-streams'));
  assert.match(streams, /cocina/);
  assert.match(streams, /panel/);
  assert.ok((await page.locator(byId('capture-row')).count()) > 5);
  // A delivery from the broker says whose message it was…
  await page.locator(byId('capture-row'), { hasText: 'panel' }).filter({ hasText: 'PUBLISH' }).last()
    .locator(byId('capture-packet')).click();
  await page.waitForSelector(byId('capture-story'));
  const delivery = await page.textContent(byId('capture-story'));
  const frame = /El bróker entrega a «panel» el mensaje que publicó «cocina» \(trama (\d+)\)/.exec(delivery)?.[1];
  assert.ok(frame, delivery);
  // …and that PUBLISH, whom the broker sent it to.
  await page.locator(`${byId('capture-row')}:has(td:first-child:text-is("${frame}"))`).locator(byId('capture-packet')).click();
  assert.match(await page.textContent(byId('capture-story')), /^«cocina» publicó en «Casa\/Cocina\/Temperatura»; el bróker se lo envió a: panel\.$/);
  // Bit by bit, as Wireshark shows it.
  const bits = await page.locator(`${byId('capture-bit')} td:last-child`).allTextContents();
  assert.ok(bits.some((b) => /^0011 \.\.\.\. = Tipo de paquete: PUBLISH \(3\)$/.test(b.trim())), bits.join(' | '));
  assert.ok(bits.some((b) => /^\.\.\.\. \.00\. = QoS: 0$/.test(b.trim())), bits.join(' | '));
  assert.ok(bits.some((b) => /^\.\.\.\. \.\.\.0 = RETAIN: 0$/.test(b.trim())));
  assert.ok(bits.some((b) => /Sigue otro byte: 0/.test(b)), 'the remaining length, bit by bit');
  // Pointing at a byte lights its field; pointing at a field lights its bytes.
  await page.locator(`${byId('capture-bytes')} .byte`).nth(0).hover();
  assert.match(await page.textContent(`${byId('capture-field')}.hl`), /Cabecera fija/);
  await page.locator(byId('capture-field'), { hasText: 'Tema' }).first().hover();
  const lit = await page.locator(`${byId('capture-bytes')} .byte.hl`).count();
  assert.ok(lit > 4, `the topic's bytes are lit: ${lit}`);
  // The keyboard walks the bytes: Home, then two steps right is byte 2, in the topic's length.
  await page.focus(byId('capture-bytes'));
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent(byId('capture-here')), /^Byte 2 = 0x00 · Tema$/);
  assert.equal(await page.locator(`${byId('capture-bytes')} .byte.cursor`).count(), 1);
  await page.keyboard.press('ArrowLeft');
  assert.match(await page.textContent(byId('capture-here')), /^Byte 1 = 0x[0-9A-F]{2} · Longitud restante$/);
  // A return code, named and explained.
  await page.locator(byId('capture-packet'), { hasText: 'CONNACK' }).first().click();
  const code = await page.textContent(`${byId('capture-field')}:has-text("Código de retorno")`);
  assert.match(code, /0x00 Conexión aceptada/);
  assert.match(code, /El cliente ya puede publicar y suscribirse/);
  // Listed by connection: only the dashboard's packets.
  const panel = await page.locator(`${byId('capture-stream')} option`, { hasText: 'panel' }).getAttribute('value');
  await page.selectOption(byId('capture-stream'), panel);
  const who = await page.locator(`${byId('capture-row')} td:nth-child(3)`).allTextContents();
  assert.ok(who.length > 3 && who.every((w) => w === 'panel'), who.join(','));
  await page.selectOption(byId('capture-stream'), '');
  await page.locator(byId('capture-packet'), { hasText: 'PUBLISH' }).first().click();
  await page.locator(byId('capture-panel')).screenshot({ path: `${out}/capture-panel.png` });
  await page.screenshot({ path: `${out}/capture-open.png`, fullPage: false });
  await accessible(page, byId('capture-panel'));
  // A narrow phone screen shows the same.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click(byId('nav-messages'));
  await page.locator(byId('capture-detail')).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/capture-phone.png`, fullPage: false });
  assert.deepEqual(errors, []);
  await page.close();
});

test('broken files get a clear message in the page language; what was open stays', async () => {
  const { page, errors } = await openedExport();
  const summary = await page.textContent(byId('capture-summary'));
  const notCapture = join(tmp, 'escenario.pcap');
  await writeFile(notCapture, '{"version": 1, "devices": []}');
  const bytes = await readFile(exported);
  const truncated = join(tmp, 'cortada.pcapng');
  await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
  const huge = join(tmp, 'enorme.pcapng');
  await writeFile(huge, Buffer.alloc(50 * 1024 * 1024));
  await page.setInputFiles(byId('capture-file'), notCapture);
  await page.waitForSelector(byId('capture-error'));
  assert.match(await page.textContent(byId('capture-error')), /No es una captura/);
  assert.equal(await page.textContent(byId('capture-summary')), summary, 'the open capture stays');
  // The message follows the language switch.
  await page.click(`${byId('lang-switch')} [aria-pressed=false]`);
  await page.waitForFunction((sel) => /This is not a capture/.test(document.querySelector(sel)?.textContent ?? ''), byId('capture-error'));
  await page.click(`${byId('lang-switch')} [aria-pressed=false]`);
  await page.setInputFiles(byId('capture-file'), huge);
  await page.waitForFunction((sel) => /ocupa 50 MB y el máximo es 16 MB/.test(document.querySelector(sel)?.textContent ?? ''), byId('capture-error'));
  // The page answered at once: the clock still runs.
  const before = await page.textContent(byId('stats'));
  await page.waitForFunction((b) => document.querySelector('[data-testid="stats"]').textContent !== b, before);
  await page.setInputFiles(byId('capture-file'), truncated);
  await page.waitForFunction((sel) => !document.querySelector(sel), byId('capture-error'));
  assert.match(await page.textContent(byId('capture-notes')), /El archivo está cortado/);
  assert.ok((await page.locator(byId('capture-row')).count()) > 0, 'what the cut file holds is listed');
  await accessible(page, byId('capture-panel'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the journey dissects its PUBLISH bit by bit', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=en&lesson=pubsub`);
  await page.waitForSelector(byId('lesson-title'));
  await page.click(byId('tab-log'));
  await page.selectOption(byId('log-kind'), 'Published');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="log-journey"]').length > 1);
  await page.click(byId('play'));
  await page.locator(byId('log-journey')).last().click();
  await page.waitForSelector(byId('journey-bytes'));
  const bits = await page.locator(`${byId('journey-bit')} td:last-child`).allTextContents();
  assert.ok(bits.some((b) => /^0011 \.\.\.\. = Packet type: PUBLISH \(3\)$/.test(b.trim())), bits.join(' | '));
  await page.locator(`${byId('journey-bytes')} .byte`).nth(1).hover();
  assert.match(await page.textContent(`${byId('journey-field')}.hl`), /Remaining length/);
  await accessible(page, byId('journey'));
  assert.deepEqual(errors, []);
  await page.close();
});
