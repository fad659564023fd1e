// End-to-end: the real MQTT-over-WebSocket client in headless Chromium against every broker a
// student may meet that installs from the registries here: mosquitto (Debian), aedes (npm,
// MQTT 3.1.1 only) and rumqttd (crates.io; MQTT 5 on TCP only). Each is started on 127.0.0.1
// by this file and stopped by its pid. On each:
// connect, QoS 0/1/2 both ways, retained, the will, a persistent session's queued messages
// after a reconnect, the broker restarted mid-stream (no QoS 1 message lost once the client is
// back), MQTT 5 where the broker speaks it, and where it does not, the doctor saying so in the
// student's language. Prints a broker × feature table. Usage: node e2e/brokers.mjs BASE OUT
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, writeFile, chmod, open as openFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import net from 'node:net';
import { byId, openReal, suite } from './harness.mjs';

const run = promisify(execFile);
const { base, out, browser } = await suite({ after: () => report() });

const listening = (port) => new Promise((resolve) => {
  const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
  s.on('error', () => resolve(false));
});
/** Stops a broker by its pid: SIGTERM, then SIGKILL if it is still there after 5 s. */
async function stop(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
async function waitPort(port) {
  for (let i = 0; i < 100; i++) { if (await listening(port)) return; await new Promise((r) => setTimeout(r, 100)); }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

/** A program on PATH or in ~/.cargo/bin (where `cargo install` puts it), or null. */
function which(name) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), join(homedir(), '.cargo', 'bin')];
  return dirs.filter(Boolean).map((d) => join(d, name)).find((f) => existsSync(f)) ?? null;
}

/** rumqttd's settings for one listener (`kind`: v4, v5 or ws) on 127.0.0.1. */
const rumqttdListener = (kind, port) => `[${kind}.1]\nname = "${kind}-1"\nlisten = "127.0.0.1:${port}"\nnext_connection_delay_ms = 1\n`
  + `[${kind}.1.connections]\nconnection_timeout_ms = 5000\nmax_payload_size = 20480\nmax_inflight_count = 100\n`;

/** The brokers: how each starts (a child process), its ports, and what it speaks: `mqtt5`
 * over its WebSocket; if not, `v5Answer` is what it answers an MQTT 5 CONNECT there
 * ('connack': a 3.1.1 CONNACK refusing the version; 'close': the socket closed, no CONNACK);
 * `tcp5`: a TCP port of its own for MQTT 5 (checked with mosquitto's clients). */
const BROKERS = [
  {
    name: 'mosquitto', tcp: 18880, ws: 18881, mqtt5: true,
    async spawn() {
      const dir = this.dir ??= await mkdtemp(join(tmpdir(), 'brokers-mosquitto-'));
      await chmod(dir, 0o777);
      const conf = join(dir, 'mosquitto.conf');
      await writeFile(conf, `persistence true\npersistence_location ${dir}/\nlog_dest stderr\nlog_type error\n`
        + `listener ${this.tcp} 127.0.0.1\nallow_anonymous true\nlistener ${this.ws}\nprotocol websockets\nallow_anonymous true\n`);
      return spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
    },
  },
  {
    name: 'aedes', tcp: 18870, ws: 18871, mqtt5: false, v5Answer: 'connack',
    async spawn() {
      return spawn(process.execPath, [new URL('./brokers/aedes.mjs', import.meta.url).pathname, String(this.tcp), String(this.ws)], { stdio: 'ignore' });
    },
  },
  {
    // rumqttd (crates.io 0.20.0, installed from tools/rumqttd): each listener speaks one
    // version, and its WebSocket one speaks 3.1.1 (an MQTT 5 CONNECT there: closed without
    // CONNACK); state in memory; no signal handler (SIGTERM ends it); its errors in
    // rumqttd.log next to its config.
    name: 'rumqttd', tcp: 18865, ws: 18866, tcp5: 18867, mqtt5: false, v5Answer: 'close',
    async spawn() {
      const dir = this.dir ??= await mkdtemp(join(tmpdir(), 'brokers-rumqttd-'));
      const conf = join(dir, 'rumqttd.toml');
      await writeFile(conf, 'id = 0\n[router]\nid = 0\nmax_connections = 100\nmax_outgoing_packet_count = 200\n'
        + 'max_segment_size = 1048576\nmax_segment_count = 10\n'
        + rumqttdListener('v4', this.tcp) + rumqttdListener('v5', this.tcp5) + rumqttdListener('ws', this.ws));
      const log = await openFile(join(dir, 'rumqttd.log'), 'a');
      const proc = spawn(which('rumqttd') ?? 'rumqttd', ['-c', conf], { stdio: ['ignore', 'ignore', log.fd] });
      await log.close(); // the child has its own copy
      return proc;
    },
  },
];

/** What each broker was measured to do (printed as a table at the end). */
const measured = new Map(BROKERS.map((b) => [b.name, {}]));
/** Prints the table of what each broker was measured to do. */
function report() {
  const features = ['QoS 0/1/2', 'retained', 'will', 'queued', 'restart', 'MQTT 5'];
  console.log(`\n| broker | ${features.join(' | ')} |\n|---|${features.map(() => '---').join('|')}|`);
  for (const [name, got] of measured) console.log(`| ${name} | ${features.map((f) => got[f] ?? '–').join(' | ')} |`);
}


/** The real-broker view. */
const open = (lang = 'es') => openReal(browser, base, lang);

async function connect(page, url, { version = '4', id, clean = true, will } = {}) {
  await page.fill(byId('real-url'), url);
  await page.selectOption(byId('real-version'), version);
  if (id) await page.fill(byId('real-client-id'), id);
  if (!clean) await page.uncheck(byId('real-clean'));
  if (will) {
    await page.fill(byId('real-will-topic'), will.topic);
    await page.fill(byId('real-will-payload'), will.payload);
  }
  await page.click(byId('real-connect-button'));
}

const connected = (page) => page.waitForSelector(`${byId('real-status')}.connected`, { timeout: 20_000 });
const received = (page, text, timeout = 15_000) => page.waitForFunction(([sel, t]) => (document.querySelector(sel)?.textContent ?? '').includes(t), [byId('real-list'), text], { timeout });
async function subscribe(page, filter, qos = '2') {
  await page.fill(byId('real-sub-filter'), filter);
  const picker = page.locator(`${byId('real-subscribe')} select`).first();
  if (await picker.count()) await picker.selectOption(qos).catch(() => {});
  await page.click(byId('real-sub-button'));
  await page.waitForFunction(([sel, f]) => (document.querySelector(sel)?.textContent ?? '').includes(f), [byId('real-subscriptions'), filter]);
}
async function publish(page, topic, payload, qos) {
  await page.fill(byId('real-pub-topic'), topic);
  await page.fill(byId('real-pub-payload'), payload);
  await page.selectOption(byId('real-pub-qos'), qos);
  await page.click(byId('real-pub-button'));
}
/** Publishes from outside the page (a plain MQTT client on the broker's TCP port), retrying
 * while the broker is not up yet. */
async function pubOutside(b, topic, payload, args = []) {
  for (let i = 0; ; i++) {
    try { await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(b.tcp), '-t', topic, '-m', payload, ...args]); return; }
    catch (e) { if (i > 50) throw e; await new Promise((r) => setTimeout(r, 200)); }
  }
}

for (const b of BROKERS) {
  const url = `ws://127.0.0.1:${b.ws}/`;
  const got = measured.get(b.name);
  let proc;
  const ports = [b.tcp, b.ws, b.tcp5].filter(Boolean);
  /** Starts it and waits for its ports; it must still be running then (a broker finding its
   * ports taken may exit at once, and the ports answer for someone else). */
  async function start() {
    for (const port of ports) assert.equal(await listening(port), false, `127.0.0.1:${port} is taken (a broker left running?)`);
    proc = await b.spawn();
    for (const port of ports) await waitPort(port);
    assert.equal(proc.exitCode ?? proc.signalCode, null, `${b.name} exited`);
  }
  test(`${b.name}: starts on 127.0.0.1`, start);

  test(`${b.name}: QoS 0, 1 and 2 both ways (3.1.1)`, async () => {
    const { page, errors } = await open();
    await connect(page, url);
    await connected(page);
    await subscribe(page, `${b.name}/q/#`);
    for (const qos of ['0', '1', '2']) {
      await publish(page, `${b.name}/q/luz`, `ON-q${qos}`, qos);
      await received(page, `ON-q${qos}`);
      await pubOutside(b, `${b.name}/q/fuera`, `fuera-q${qos}`, ['-q', qos]);
      await received(page, `fuera-q${qos}`);
    }
    got['QoS 0/1/2'] = '✓';
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`${b.name}: a retained message arrives on subscribe`, async () => {
    await pubOutside(b, `${b.name}/ret`, 'guardado', ['-r', '-q', '1']);
    const { page, errors } = await open('en');
    await connect(page, url);
    await connected(page);
    await subscribe(page, `${b.name}/ret`);
    await page.waitForFunction((sel) => /guardado · QoS \d · retained/.test(document.querySelector(sel)?.textContent ?? ''), byId('real-list'));
    got.retained = '✓';
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`${b.name}: the will is published when the connection dies`, async () => {
    const watcher = await open('en');
    await connect(watcher.page, url);
    await connected(watcher.page);
    await subscribe(watcher.page, `${b.name}/estado/#`);
    const dying = await open('en');
    await connect(dying.page, url, { will: { topic: `${b.name}/estado/sensor`, payload: 'desconectado' } });
    await connected(dying.page);
    await dying.page.close(); // the socket dies without DISCONNECT
    await received(watcher.page, 'desconectado');
    got.will = '✓';
    assert.deepEqual(watcher.errors, []);
    await watcher.page.close();
  });

  test(`${b.name}: a persistent session's queued messages arrive after a reconnect`, async () => {
    const { page, errors } = await open('en');
    const id = `${b.name}-persist`;
    await connect(page, url, { id, clean: false });
    await connected(page);
    await subscribe(page, `${b.name}/cola`, '1');
    await page.click(byId('real-disconnect'));
    await page.waitForSelector(`${byId('real-status')}:not(.connected)`);
    for (let i = 1; i <= 3; i++) await pubOutside(b, `${b.name}/cola`, `mensaje${i}`, ['-q', '1']);
    await page.click(byId('real-connect-button'));
    await connected(page);
    for (let i = 1; i <= 3; i++) await received(page, `mensaje${i}`);
    got.queued = '✓';
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`${b.name}: restarted mid-stream, the client comes back and no QoS 1 message sent meanwhile is lost`, async () => {
    const { page, errors } = await open('en');
    await connect(page, url, { id: `${b.name}-restart`, clean: false });
    await connected(page);
    await subscribe(page, `${b.name}/r`, '1');
    for (let i = 1; i <= 5; i++) await pubOutside(b, `${b.name}/r`, `n${i}`, ['-q', '1']);
    await received(page, 'n5');
    await stop(proc);
    await page.waitForSelector(`${byId('real-status')}:not(.connected)`);
    await start();
    // The client reconnects by itself and subscribes again (a broker without persistence
    // has forgotten the session); what is published once it is back must all arrive.
    await connected(page);
    await page.waitForTimeout(500);
    for (let i = 6; i <= 10; i++) await pubOutside(b, `${b.name}/r`, `n${i}`, ['-q', '1']);
    for (let i = 6; i <= 10; i++) await received(page, `n${i} `, 30_000);
    got.restart = '✓';
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`${b.name}: MQTT 5 ${b.mqtt5 ? 'works' : 'refused: the doctor says so and what to choose'}`, async () => {
    const { page, errors } = await open('es');
    await connect(page, url, { version: '5' });
    if (b.mqtt5) {
      await connected(page);
      await subscribe(page, `${b.name}/v5/#`);
      await publish(page, `${b.name}/v5/luz`, 'ON-v5', '1');
      await received(page, 'ON-v5');
      got['MQTT 5'] = '✓';
    } else {
      await page.waitForSelector(byId('doctor-what'), { timeout: 15_000 });
      const what = await page.textContent(byId('doctor-what'));
      const fix = await page.textContent(byId('doctor-fix'));
      assert.match(`${what} ${fix}`, /3\.1\.1/, `${what} / ${fix}`);
      assert.match(what, /MQTT 5/);
      // What the broker answered, as the doctor read it.
      const connack = what.match(/\(CONNACK (0x[0-9a-f]{2})\)/)?.[1];
      const answer = connack ? 'connack' : /sin responder/.test(what) ? 'close' : what;
      assert.equal(answer, b.v5Answer, what);
      assert.match(fix, /Elige 3\.1\.1/);
      await page.screenshot({ path: `${out}/brokers-${b.name}-mqtt5.png`, fullPage: true });
      assert.equal(await page.isVisible(byId('real-connect')), true, 'the page is still there');
      assert.equal(await page.isVisible(`${byId('real-status')}.connected`), false);
      got['MQTT 5'] = `no${b.tcp5 ? ' over WebSocket' : ''} (${connack ? `CONNACK ${connack}` : 'closed, no CONNACK'}; the doctor says: use 3.1.1)`;
      if (b.tcp5) {
        // Its MQTT 5 is on TCP only: a round trip there with mosquitto's clients.
        const sub = run('mosquitto_sub', ['-V', 'mqttv5', '-h', '127.0.0.1', '-p', String(b.tcp5), '-t', `${b.name}/v5/tcp`, '-C', '1', '-W', '5']);
        sub.catch(() => {}); // awaited below
        await new Promise((r) => setTimeout(r, 300));
        await run('mosquitto_pub', ['-V', 'mqttv5', '-h', '127.0.0.1', '-p', String(b.tcp5), '-t', `${b.name}/v5/tcp`, '-m', 'ON-v5-tcp', '-q', '1']);
        assert.equal((await sub).stdout.trim(), 'ON-v5-tcp');
        got['MQTT 5'] += `; ✓ on its TCP port ${b.tcp5}`;
      }
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`${b.name}: stops`, () => stop(proc));
}
