// Benchmark (on demand, not in CI): this client vs MQTT.js (npm `mqtt`, its browser bundle from
// node_modules) in one headless Chromium page, against a local mosquitto WebSocket listener.
// Prints QoS 0 throughput (100 000 × 64 B), QoS 1 throughput (20 000 × 64 B) and
// publish → receive latency p50/p99 over 1 000 messages, each with the ratio to MQTT.js.
// Usage: node e2e/client-bench.mjs BASE_URL WS_URL
import { launch } from './harness.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:8080/';
const ws = process.argv[3] ?? 'ws://127.0.0.1:18871/';
const browser = await launch();
const page = await browser.newPage();
page.setDefaultTimeout(300_000);
await page.goto(`${base}?lang=en&mode=real`); // the simulation is paused in this mode
await page.waitForFunction(() => window.wasmBindings?.bench_throughput);
await page.addScriptTag({ path: new URL('./node_modules/mqtt/dist/mqtt.min.js', import.meta.url).pathname });

const results = await page.evaluate(async (url) => {
  const mqttjs = (id) => new Promise((resolve, reject) => {
    const c = window.mqtt.connect(url, { protocolVersion: 4, clientId: id, reconnectPeriod: 0 });
    c.once('connect', () => resolve(c));
    c.once('error', reject);
  });
  const sub = (c, topic, qos) => new Promise((r) => c.subscribe(topic, { qos }, () => setTimeout(r, 200)));
  const theirsThroughput = async (count, qos) => {
    const c = await mqttjs(`mqttjs-tp-${qos}`);
    const topic = `bench/js/${qos}`;
    await sub(c, topic, qos);
    const payload = 'x'.repeat(64);
    const done = new Promise((r) => { let n = 0; c.on('message', () => { if (++n === count) r(); }); });
    const t0 = performance.now();
    for (let i = 0; i < count; i++) c.publish(topic, payload, { qos });
    await done;
    const ms = performance.now() - t0;
    c.end(true);
    return ms;
  };
  const theirsLatency = async (count) => {
    const c = await mqttjs('mqttjs-lat');
    await sub(c, 'bench/jslat', 0);
    const out = [];
    let arrived = null;
    c.on('message', () => arrived && arrived());
    const payload = 'x'.repeat(64);
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await new Promise((r) => { arrived = r; c.publish('bench/jslat', payload, { qos: 0 }); });
      out.push(performance.now() - t0);
    }
    c.end(true);
    return out;
  };
  const b = window.wasmBindings;
  const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
  const r = {};
  r.ours0 = await b.bench_throughput(url, 4, 100000, 0, 64);
  r.theirs0 = await theirsThroughput(100000, 0);
  r.ours1 = await b.bench_throughput(url, 4, 20000, 1, 64);
  r.theirs1 = await theirsThroughput(20000, 1);
  const ol = Array.from(await b.bench_latency(url, 4, 1000));
  const tl = await theirsLatency(1000);
  r.ourP50 = pct(ol, 0.5); r.ourP99 = pct(ol, 0.99); r.theirP50 = pct(tl, 0.5); r.theirP99 = pct(tl, 0.99);
  return r;
}, ws);

const rate = (n, ms) => Math.round(n / (ms / 1000));
const line = (name, ours, theirs, unit, higherIsBetter) =>
  console.log(`${name.padEnd(28)} ours ${String(ours).padStart(8)} ${unit}   MQTT.js ${String(theirs).padStart(8)} ${unit}   ratio ${(higherIsBetter ? ours / theirs : theirs / ours).toFixed(2)}`);
line('QoS 0, 100 000 × 64 B', rate(100000, results.ours0), rate(100000, results.theirs0), 'msg/s', true);
line('QoS 1, 20 000 × 64 B', rate(20000, results.ours1), rate(20000, results.theirs1), 'msg/s', true);
line('latency p50', results.ourP50.toFixed(2), results.theirP50.toFixed(2), 'ms', false);
line('latency p99', results.ourP99.toFixed(2), results.theirP99.toFixed(2), 'ms', false);
console.log('(ratio > 1: this client is better; throughput: ours / MQTT.js, latency: MQTT.js / ours)');
await browser.close();
