// End-to-end: the real MQTT-over-WebSocket client in headless Chromium against a local
// mosquitto (started by scripts/test.sh: plain 18850, WebSocket 18851 open, 18852 with a
// password and an ACL). Usage: node e2e/realclient.mjs BASE_URL OUT_DIR
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { byId, openReal, suite, watchErrors } from './harness.mjs';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import http from 'node:http';
import crypto from 'node:crypto';

const { base, out, browser } = await suite();

const run = promisify(execFile);
const WS_OPEN = 'ws://127.0.0.1:18851/';
const WS_SECURED = 'ws://127.0.0.1:18852/';

/** The real-broker view. */
const open = (lang = 'es') => openReal(browser, base, lang);

async function connect(page, { url = WS_OPEN, version = '4', user = '', pass = '', id } = {}) {
  await page.fill(byId('real-url'), url);
  await page.selectOption(byId('real-version'), version);
  if (id) await page.fill(byId('real-client-id'), id);
  await page.fill(byId('real-username'), user);
  await page.fill(byId('real-password'), pass);
  await page.click(byId('real-connect-button'));
}

const connected = (page) => page.waitForSelector(`${byId('real-status')}.connected`);
const received = (page, text) => page.waitForFunction(([sel, t]) => (document.querySelector(sel)?.textContent ?? '').includes(t), [byId('real-list'), text]);

for (const [version, name] of [['4', '3.1.1'], ['5', '5.0']]) {
  test(`MQTT ${name}: connect, subscribe, publish QoS 0/1/2, receive from another client`, async () => {
    const { page, errors } = await open();
    await connect(page, { version });
    await connected(page);
    await page.fill(byId('real-sub-filter'), `aula${version}/#`);
    await page.click(byId('real-sub-button'));
    for (const qos of ['0', '1', '2']) {
      await page.fill(byId('real-pub-topic'), `aula${version}/luz`);
      await page.fill(byId('real-pub-payload'), `ON-q${qos}`);
      await page.selectOption(byId('real-pub-qos'), qos);
      await page.click(byId('real-pub-button'));
      await received(page, `ON-q${qos}`);
    }
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', '18850', '-t', `aula${version}/externo`, '-m', 'hola desde fuera', '-q', '1']);
    await received(page, 'hola desde fuera');
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.startsWith('0'), byId('real-pending'));
    await page.screenshot({ path: `${out}/real-${name}.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('lesson 11 on the real broker: two workers share $share/grupo/Fabrica/+/Pedido', async () => {
  const pages = {};
  for (const [id, filter] of [['trabajador1', '$share/grupo/Fabrica/+/Pedido'], ['trabajador2', '$share/grupo/Fabrica/+/Pedido'], ['registro', 'Fabrica/#']]) {
    const { page, errors } = await open('es');
    await connect(page, { version: '5', id });
    await connected(page);
    await page.fill(byId('real-sub-filter'), filter);
    await page.click(byId('real-sub-button'));
    await page.waitForSelector(byId('real-sub-id'));
    assert.match(await page.textContent(byId('real-sub-id')), /identificador 1/);
    pages[id] = { page, errors };
  }
  const orders = async (id) => (await pages[id].page.locator(byId('real-message')).allTextContents())
    .map((t) => /pedido-(\d+)/.exec(t)?.[1]).filter(Boolean);
  const publish = (n) => run('mosquitto_pub', ['-h', '127.0.0.1', '-p', '18850', '-t', `Fabrica/Linea${n % 2 + 1}/Pedido`, '-m', `pedido-${n}`, '-q', '1', '-V', 'mqttv5']);
  for (let n = 1; n <= 8; n++) await publish(n);
  await received(pages.registro.page, 'pedido-8');
  await pages.registro.page.waitForFunction((sel) => document.querySelectorAll(sel).length >= 8, byId('real-message'));
  let one = [], two = [];
  for (let i = 0; i < 50 && one.length + two.length < 8; i++) {
    await new Promise((r) => setTimeout(r, 100));
    [one, two] = [await orders('trabajador1'), await orders('trabajador2')];
  }
  assert.equal(one.length + two.length, 8, `each order once: ${one} | ${two}`);
  assert.ok(one.length > 0 && two.length > 0, `both share the work: ${one} | ${two}`);
  assert.deepEqual([...one, ...two].sort((a, b) => a - b), ['1', '2', '3', '4', '5', '6', '7', '8']);
  assert.equal((await orders('registro')).length, 8, 'the plain subscription gets every copy');
  // Each message says which subscription matched it.
  assert.match(await pages.registro.page.textContent(byId('real-list')), /Subscription Identifier 1/);
  // One worker gone: the other takes every order.
  await pages.trabajador1.page.click(byId('real-disconnect'));
  for (let n = 9; n <= 12; n++) await publish(n);
  await received(pages.trabajador2.page, 'pedido-12');
  for (let n = 9; n <= 12; n++) assert.ok((await orders('trabajador2')).includes(String(n)), `pedido-${n}`);
  assert.ok(!(await orders('trabajador1')).some((n) => Number(n) > 8));
  for (const { page, errors } of Object.values(pages)) {
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('MQTT 5 topic aliases on our publishes: mosquitto resolves them', async () => {
  const { page, errors } = await open('en');
  await page.click(`${byId('real-inspector')} summary`);
  await page.selectOption(byId('real-version'), '5');
  await page.check(byId('real-aliases'));
  await connect(page, { version: '5' });
  await connected(page);
  await page.fill(byId('real-sub-filter'), 'alias/#');
  await page.click(byId('real-sub-button'));
  await page.waitForSelector(byId('real-sub-id'));
  for (const payload of ['uno', 'dos']) {
    await page.fill(byId('real-pub-topic'), 'alias/largo/tema');
    await page.fill(byId('real-pub-payload'), payload);
    await page.click(byId('real-pub-button'));
    await received(page, payload);
  }
  const list = await page.textContent(byId('real-list'));
  assert.equal((list.match(/alias\/largo\/tema/g) ?? []).length, 2, 'both arrive with their topic');
  // The second PUBLISH went out with the alias and an empty topic: fewer bytes than the first
  // (the inspector lists the newest first).
  const [second, first] = (await page.locator(byId('real-packet')).allTextContents())
    .filter((t) => t.startsWith('→ PUBLISH')).map((t) => Number(/(\d+) B/.exec(t)[1]));
  assert.ok(second < first, `aliased PUBLISH is shorter: ${second} < ${first}`);
  assert.equal(first - second, 'alias/largo/tema'.length, 'the second carries no topic, only the alias');
  assert.deepEqual(errors, []);
  await page.close();
});

test('keep-alive follows the session\'s own deadline; a replaced connection\'s late events change nothing', async () => {
  const { page, errors } = await open('en');
  await page.click(`${byId('real-inspector')} summary`);
  await page.fill(byId('real-keep-alive'), '1');
  await connect(page);
  await connected(page);
  // A silent connection: a PINGREQ each keep-alive, each answered.
  const count = (re) => page.$$eval('[data-testid="real-packet"]', (els, re) => els.filter((e) => new RegExp(re).test(e.textContent)).length, re);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="real-packet"]')].filter((e) => /^→ PINGREQ/.test(e.textContent)).length >= 3, null, { timeout: 10_000 });
  assert.ok(await count('^← PINGRESP') >= 2, 'answered');
  // Connecting again replaces the socket; the old one's close comes late and must reach nothing.
  await page.click(byId('real-connect-button'));
  await connected(page);
  await page.waitForTimeout(1500);
  assert.equal(await page.getAttribute(byId('real-status'), 'class').then((c) => /connected/.test(c)), true);
  assert.equal(await page.locator(byId('doctor-what')).count(), 0, 'no problem reported');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the packet inspector shows the real bytes in and out, dissected, and our filters tried', async () => {
  const { page, errors } = await open('en');
  await page.click(`${byId('real-inspector')} summary`);
  await connect(page, { version: '5' });
  await connected(page);
  await page.fill(byId('real-sub-filter'), 'aula/+/temp');
  await page.click(byId('real-sub-button'));
  await page.waitForFunction((sel) => /SUBACK/.test(document.querySelector(sel)?.textContent ?? ''), byId('real-packets'));
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', '18850', '-t', 'aula/cocina/temp', '-m', '21.5', '-q', '1', '-V', 'mqttv5']);
  await received(page, '21.5');
  const packets = await page.locator(byId('real-packet')).allTextContents();
  for (const want of [/^→ CONNECT/, /^← CONNACK/, /^→ SUBSCRIBE/, /^← SUBACK/, /^← PUBLISH · \d+ B/, /^→ PUBACK/]) {
    assert.ok(packets.some((p) => want.test(p)), `${want} in ${packets.join(' | ')}`);
  }
  await page.locator(byId('real-packet'), { hasText: '← PUBLISH' }).first().click();
  await page.waitForSelector(byId('real-packet-fields'));
  const fields = await page.textContent(byId('real-packet-fields'));
  assert.match(fields, /Topic/);
  assert.match(fields, /aula\/cocina\/temp/);
  assert.ok(await page.locator(`${byId('real-packet-bytes')} .byte`).count() > 20);
  const filters = await page.textContent(byId('real-filters'));
  assert.match(filters, /aula\/\+\/temp/);
  assert.match(filters, /Matches/i);
  // The captured packets download as a capture that tshark decodes, in the same order.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(byId('real-export-pcap'))]);
  const file = join(await mkdtemp(join(tmpdir(), 'real-pcap-')), download.suggestedFilename());
  await download.saveAs(file);
  const { stdout } = await run('tshark', ['-r', file, '-Y', 'mqtt', '-T', 'fields', '-e', 'mqtt.msgtype']);
  const types = stdout.split(/[\n,]/).map((t) => t.trim()).filter(Boolean);
  assert.deepEqual(types.slice(0, 4), ['1', '2', '8', '9'], types.join(','));
  assert.ok(types.includes('3') && types.includes('4'), 'PUBLISH and its PUBACK');
  // An MQTT 5 reason code, named and explained.
  await page.locator(byId('real-packet'), { hasText: '← CONNACK' }).first().click();
  const code = await page.textContent(`${byId('real-packet-field')}:has-text("Reason code")`);
  assert.match(code, /0x00 Success/);
  assert.match(code, /Connection accepted: the client may publish and subscribe/);
  await page.locator(byId('real-packet'), { hasText: '← PUBLISH' }).first().click();
  await page.screenshot({ path: `${out}/real-inspector.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the bridge: a virtual sensor publishes to the real broker, a virtual dashboard shows real messages', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=en&lesson=pubsub&mode=real`);
  await page.waitForSelector(byId('real-connect'));
  await connect(page);
  await connected(page);
  await page.fill(byId('real-sub-filter'), 'Casa/#');
  await page.click(byId('real-sub-button'));
  await page.click(`${byId('bridge')} summary`);
  await page.fill(byId('bridge-prefix'), 'clase/#');
  assert.match(await page.textContent(byId('bridge-prefix-error')), /#/);
  await page.fill(byId('bridge-prefix'), 'puente');
  assert.equal((await page.textContent(byId('bridge-prefix-error'))).trim(), '');
  await page.check(byId('bridge-cocina'));
  await page.check(byId('bridge-panel'));
  // A real subscriber sees what the virtual kitchen sensor publishes, under the prefix.
  const sub = run('mosquitto_sub', ['-h', '127.0.0.1', '-p', '18850', '-t', 'puente/#', '-C', '1', '-v', '-W', '20']);
  await page.click(byId('mode-switch'));
  await page.waitForSelector(byId('devices'));
  const { stdout } = await sub;
  assert.match(stdout, /^puente\/Casa\/Cocina\/Temperatura -?\d+\.\d/);
  // The virtual dashboard subscribes in the simulation; a real message on its topic shows on it.
  await page.selectOption(byId('subscribe-device'), 'panel');
  await page.fill(byId('subscribe-filter'), 'Casa/Cocina/Temperatura');
  await page.click(byId('subscribe-submit'));
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', '18850', '-t', 'Casa/Cocina/Temperatura', '-m', '99.5']);
  await page.waitForFunction((sel) => /Casa\/Cocina\/Temperatura\s+99\.5/.test(document.querySelector(sel)?.textContent ?? ''), byId('device-real-panel'));
  // The simulation itself took nothing from the real broker: its own panel values are simulated.
  assert.doesNotMatch(await page.textContent(byId('device-values-panel')), /99\.5/);
  await page.click(byId('mode-switch'));
  await page.waitForFunction((sel) => /Sent through the bridge: [1-9]/.test(document.querySelector(sel)?.textContent ?? ''), byId('bridge-count'));
  await page.screenshot({ path: `${out}/real-bridge.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the real-broker panel is fetched when first opened; a failed fetch says so and can be retried', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = watchErrors(page);
  const chunks = [];
  // Free play's first screen (the sequence diagram and the scrubber with it) is the main
  // module and the page's language (its texts, a part of their own, with the small chunks of
  // code they share): no other part is fetched.
  page.on('request', (r) => { if (/split_[a-z0-9_]+-[0-9a-f]+\.wasm$/.test(r.url()) && !/split_catalogue_es-/.test(r.url())) chunks.push(r.url()); });
  await page.goto(`${base}?lang=es`);
  await page.waitForSelector(byId('devices'));
  await page.waitForSelector(byId('sequence'));
  await page.waitForSelector(byId('scrub'));
  await page.fill(byId('publish-topic'), 'Casa/Salon/Luz');
  assert.deepEqual(chunks, [], 'the first load fetches no part (the real-broker panel among them)');
  // Offline when it is first opened: a message in the user's language and a retry button.
  await page.route(/(split|chunk)_[a-z0-9_]+-[0-9a-f]+\.wasm$/, (route) => route.abort());
  await page.click(byId('mode-switch'));
  await page.waitForSelector(byId('lazy-failed'));
  assert.match(await page.textContent(byId('lazy-failed')), /No se pudo descargar/);
  // Back in the simulation, nothing typed was lost; opening the panel again tries again.
  await page.click(byId('mode-switch'));
  assert.equal(await page.inputValue(byId('publish-topic')), 'Casa/Salon/Luz');
  await page.click(byId('mode-switch'));
  await page.waitForSelector(byId('lazy-failed'));
  // Back online, the button fetches it.
  await page.unroute(/(split|chunk)_[a-z0-9_]+-[0-9a-f]+\.wasm$/);
  await page.click(byId('lazy-retry'));
  await page.waitForSelector(byId('real-connect'));
  assert.ok(chunks.length >= 3, `fetched on each try: ${chunks}`);
  // Once here, it opens at once.
  await page.click(byId('mode-switch'));
  await page.click(byId('mode-switch'));
  await page.waitForSelector(byId('real-connect'));
  // Only the aborted fetch was reported.
  assert.ok(errors.every((e) => /split_|Failed to fetch|ERR_FAILED/.test(e)), errors.join('\n'));
  await page.close();
});

test('a retained message arrives on subscribe', async () => {
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', '18850', '-t', 'aula/ret', '-m', 'guardado', '-r', '-q', '1']);
  const { page, errors } = await open('en');
  await connect(page);
  await connected(page);
  await page.fill(byId('real-sub-filter'), 'aula/ret');
  await page.click(byId('real-sub-button'));
  await page.waitForFunction((sel) => /guardado · QoS \d · retained/.test(document.querySelector(sel)?.textContent ?? ''), byId('real-list'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('wrong password: the doctor explains it in Spanish', async () => {
  const { page } = await open('es');
  await connect(page, { url: WS_SECURED, user: 'ana', pass: 'mal' });
  await page.waitForSelector(byId('doctor-what'));
  const what = await page.textContent(byId('doctor-what'));
  assert.match(what, /No autorizado|contraseña/);
  assert.match(await page.textContent(byId('doctor-fix')), /usuario y contraseña/);
  assert.ok(!page.url().includes('mal'), 'the password is not in the address');
  await page.screenshot({ path: `${out}/real-doctor.png`, fullPage: true });
  await page.close();
});

test('ACL: a publish outside the allowed topics is refused (MQTT 5) and the doctor says so', async () => {
  const { page, errors } = await open('en');
  await connect(page, { url: WS_SECURED, version: '5', user: 'ana', pass: 'ana-secreta' });
  await connected(page);
  await page.fill(byId('real-pub-topic'), 'secreto/puerta');
  await page.selectOption(byId('real-pub-qos'), '1');
  await page.click(byId('real-pub-button'));
  await page.waitForFunction((sel) => /did not accept your message on "secreto\/puerta"/.test(document.querySelector(sel)?.textContent ?? ''), byId('doctor'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('nothing listening: the doctor points at the port and the path', async () => {
  const { page } = await open('en');
  await connect(page, { url: 'ws://127.0.0.1:18859/' });
  await page.waitForSelector(byId('doctor-what'));
  assert.match(await page.textContent(byId('doctor-what')), /could not be opened/);
  assert.match(await page.textContent(byId('doctor-fix')), /port/);
  await page.close();
});

test('an invalid address is explained and what was typed stays', async () => {
  const { page, errors } = await open('es');
  await page.fill(byId('real-url'), 'mqtt://test.mosquitto.org:1883');
  await page.click(byId('real-connect-button'));
  await page.waitForFunction((sel) => /Un navegador no puede abrir MQTT sobre TCP/.test(document.querySelector(sel)?.textContent ?? ''), byId('real-form-error'));
  assert.equal(await page.inputValue(byId('real-url')), 'mqtt://test.mosquitto.org:1883');
  // An address of one's own is none of the known brokers, and the list says so.
  assert.equal(await page.$eval(byId('real-preset'), (s) => s.options[s.selectedIndex].textContent), 'Otro: la dirección de abajo');
  // The error on screen follows the language switch, and so does the doctor.
  await page.click(`${byId('lang-switch')} [aria-pressed=false]`);
  await page.waitForFunction((sel) => /A browser cannot open MQTT over TCP/.test(document.querySelector(sel)?.textContent ?? ''), byId('real-form-error'));
  assert.equal(await page.inputValue(byId('real-url')), 'mqtt://test.mosquitto.org:1883');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the will is published when the connection is killed', async () => {
  const watcher = await open('en');
  await connect(watcher.page);
  await connected(watcher.page);
  await watcher.page.fill(byId('real-sub-filter'), 'aula/estado/#');
  await watcher.page.click(byId('real-sub-button'));
  const dying = await open('en');
  await dying.page.fill(byId('real-will-topic'), 'aula/estado/sensor');
  await dying.page.fill(byId('real-will-payload'), 'desconectado');
  await connect(dying.page);
  await connected(dying.page);
  await dying.page.close(); // the socket dies without DISCONNECT
  await received(watcher.page, 'desconectado');
  assert.deepEqual(watcher.errors, []);
  await watcher.page.close();
});

const listening = (port) => new Promise((resolve) => {
  const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
  s.on('error', () => resolve(false));
});
async function waitPort(port) {
  for (let i = 0; i < 100; i++) { if (await listening(port)) return; await new Promise((r) => setTimeout(r, 100)); }
  throw new Error(`nothing on ${port}`);
}

test('broker restarted mid-stream: the client reconnects and no QoS 1 message is lost', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mosq-restart-'));
  await chmod(dir, 0o777);
  const conf = join(dir, 'mosquitto.conf');
  await writeFile(conf, `persistence true\npersistence_location ${dir}/\nlog_dest stderr\nlog_type error\nlistener 18860 127.0.0.1\nallow_anonymous true\nlistener 18861\nprotocol websockets\nallow_anonymous true\n`);
  let broker = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
  try {
    await waitPort(18860); await waitPort(18861);
    const { page, errors } = await open('en');
    await page.uncheck(byId('real-clean'));
    await connect(page, { url: 'ws://127.0.0.1:18861/', id: 'restart-test' });
    await connected(page);
    await page.fill(byId('real-sub-filter'), 'aula/r');
    await page.click(byId('real-sub-button'));
    await page.waitForTimeout(300);
    const pub = async (i) => {
      for (;;) {
        try { await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', '18860', '-q', '1', '-t', 'aula/r', '-m', `n${i}`]); return; }
        catch { await new Promise((r) => setTimeout(r, 200)); }
      }
    };
    for (let i = 1; i <= 10; i++) await pub(i);
    broker.kill('SIGTERM');
    await new Promise((r) => broker.once('exit', r));
    broker = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
    await waitPort(18860);
    for (let i = 11; i <= 20; i++) await pub(i);
    await page.waitForFunction((sel) => {
      const text = document.querySelector(sel)?.textContent ?? '';
      return Array.from({ length: 20 }, (_, i) => `n${i + 1} `).every((n) => text.includes(n));
    }, byId('real-list'), { timeout: 30_000 });
    await page.screenshot({ path: `${out}/real-restart.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    broker.kill('SIGTERM');
  }
});

test('a server that sends malformed bytes gets a clear diagnosis, not a crash', async () => {
  const server = http.createServer();
  server.on('upgrade', (req, socket) => {
    const accept = crypto.createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n`);
    socket.once('data', () => socket.write(Buffer.from([0x82, 0x02, 0x00, 0x00]))); // packet type 0: reserved
    socket.on('error', () => {});
  });
  await new Promise((r) => server.listen(18862, '127.0.0.1', r));
  try {
    const { page, errors } = await open('en');
    await connect(page, { url: 'ws://127.0.0.1:18862/' });
    await page.waitForFunction((sel) => /not valid MQTT/.test(document.querySelector(sel)?.textContent ?? ''), byId('doctor'));
    assert.equal(await page.locator(byId('crash-panel')).count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    server.close();
  }
});

test('MQTT 5: publish properties arrive, and No Local keeps my own messages away', async () => {
  const { page, errors } = await open('en');
  await connect(page, { version: '5' });
  await connected(page);
  await page.fill(byId('real-sub-filter'), 'aula5p/#');
  await page.click(byId('real-sub-button'));
  await page.fill(byId('real-pub-topic'), 'aula5p/datos');
  await page.fill(byId('real-pub-payload'), '{"t": 21.5}');
  await page.selectOption(byId('real-pub-format'), 'json');
  await page.click(`${byId('real-publish')} details summary`);
  await page.fill(byId('real-content-type'), 'application/json');
  await page.fill(byId('real-user-props'), 'aula=3A');
  await page.click(byId('real-pub-button'));
  await page.waitForFunction((sel) => /Content Type "application\/json".*User Property "aula" = "3A"/.test(document.querySelector(sel)?.textContent ?? ''), byId('real-list'));
  // A broken user property line is explained, nothing is sent.
  await page.fill(byId('real-user-props'), 'sin igual');
  await page.click(byId('real-pub-button'));
  assert.match(await page.textContent(byId('real-pub-error')), /key=value/);
  // No Local: my own publishes no longer come back; another client's do.
  await page.click(`${byId('real-subscribe')} details summary`);
  await page.check(byId('real-no-local'));
  await page.fill(byId('real-sub-filter'), 'aula5n/#');
  await page.click(byId('real-sub-button'));
  await page.fill(byId('real-user-props'), '');
  await page.selectOption(byId('real-pub-format'), 'text');
  await page.fill(byId('real-pub-topic'), 'aula5n/mio');
  await page.fill(byId('real-pub-payload'), 'propio');
  await page.click(byId('real-pub-button'));
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', '18850', '-t', 'aula5n/otro', '-m', 'ajeno', '-q', '1']);
  await received(page, 'ajeno');
  assert.ok(!(await page.textContent(byId('real-list'))).includes('propio'), 'no local');
  assert.deepEqual(errors, []);
  await page.close();
});

test('class prefix, remembered connection (without the password) and publish templates', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base}?lang=en&mode=real`);
  await page.fill(byId('real-prefix'), 'clase3A');
  await page.check(byId('real-remember'));
  await connect(page, { user: 'profe', pass: 'no-me-guardes' });
  await connected(page);
  await page.fill(byId('real-sub-filter'), 'aula/#');
  await page.click(byId('real-sub-button'));
  await page.waitForFunction((sel) => /clase3A\/aula\/#/.test(document.querySelector(sel)?.textContent ?? ''), byId('real-subscriptions'));
  await page.fill(byId('real-pub-topic'), 'aula/timbre');
  await page.fill(byId('real-pub-payload'), 'ring');
  await page.click(byId('real-pub-button'));
  await page.waitForFunction((sel) => /clase3A\/aula\/timbre ring/.test(document.querySelector(sel)?.textContent ?? ''), byId('real-list'));
  await page.click(byId('real-save-template'));
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.ok(!stored.includes('no-me-guardes'), 'the password is never stored');
  await page.reload();
  await page.waitForSelector(byId('real-connect'));
  assert.equal(await page.inputValue(byId('real-username')), 'profe');
  assert.equal(await page.inputValue(byId('real-password')), '');
  assert.equal(await page.inputValue(byId('real-prefix')), 'clase3A');
  await page.fill(byId('real-pub-topic'), 'otra/cosa');
  await page.selectOption(byId('real-templates'), '0');
  assert.equal(await page.inputValue(byId('real-pub-topic')), 'aula/timbre');
  assert.equal(await page.inputValue(byId('real-pub-payload')), 'ring');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a topic\'s history and a chart of its numbers (plain or JSON)', async () => {
  const { page, errors } = await open('en');
  await connect(page);
  await connected(page);
  await page.fill(byId('real-sub-filter'), 'aulah/#');
  await page.click(byId('real-sub-button'));
  await page.waitForTimeout(200);
  for (const v of ['20.5', '{"t": 21.0}', '22']) {
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', '18850', '-t', 'aulah/temp', '-m', v, '-q', '1']);
  }
  await received(page, '22');
  await page.click(`${byId('real-topic')}:text("aulah/temp")`);
  await page.waitForSelector(`${byId('real-chart')} polyline`, { state: 'attached' });
  const points = (await page.getAttribute(`${byId('real-chart')} polyline`, 'points')).trim().split(/\s+/);
  assert.equal(points.length, 3);
  assert.match(await page.textContent(byId('real-history')), /min 20\.5 · max 22/);
  assert.deepEqual(errors, []);
  await page.close();
});
