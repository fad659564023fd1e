// A class's load, measured (scripts/bench.sh; not in the test command): STUDENTS student
// clients (npm `mqtt`) on a local mosquitto, each behaving as the student page does (its
// progress retained on joining, on every change and every 30 s; online `1`, `0` as its will),
// and with devices on, 5 virtual devices each publishing every 2 s; the teacher's page in
// headless Chromium subscribed to the whole class. Bounded in count and time, 127.0.0.1 only.
// Prints: seconds until the teacher's page shows every student, frames over 50 ms in it and
// its own tasks over 50 ms, messages per second it handled, the broker's CPU.
// Usage: node e2e/class-load.mjs BASE_URL WS_URL TCP_URL BROKER_PID [STUDENTS] [SECONDS]
import { readFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import mqtt from 'mqtt';
import { launch } from './harness.mjs';

const [base, wsUrl, tcpUrl, brokerPid, studentsArg, secondsArg] = process.argv.slice(2);
const STUDENTS = Number(studentsArg ?? 300);
const SECONDS = Number(secondsArg ?? 60);
const DEVICES = 5;
const CODE = 'CARGA';
const ROOT = `mqtt-playground/${CODE}`;
const LESSONS = ['pubsub', 'wildcards', 'queue', 'qos', 'retained'];

/** The broker's CPU time so far, in seconds (utime + stime from /proc). */
async function cpu(pid) {
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  return (Number(stat[11]) + Number(stat[12])) / 100;
}

const browser = await launch();
// In a school the students' clients and the broker run on other machines; here they share two
// cores with the teacher's browser. They run at a lower priority (this process, once Chromium
// is started, and the broker), so that the teacher's frames measure the page, not them.
setPriority(process.pid, 10);
setPriority(Number(brokerPid), 10);
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
await page.goto(`${base}?class=${CODE}&broker=${encodeURIComponent(wsUrl)}&teacher=1&lang=es`);
await page.click('[data-testid="class-connect"]');
await page.waitForFunction(() => document.querySelector('[data-testid="class-status"]')?.textContent === 'conectado');
// Frames over 50 ms, and the page's own tasks over 50 ms (a frame can also be late because
// another process had the CPU), counted in the page from now on.
await page.evaluate(() => {
  window.__long = 0; window.__frames = 0; window.__tasks = 0;
  new PerformanceObserver((list) => { window.__tasks += list.getEntries().length; }).observe({ type: 'longtask' });
  let last = performance.now();
  const tick = (t) => { if (t - last > 50) window.__long++; window.__frames++; last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});

const cpu0 = await cpu(brokerPid);
const started = Date.now();
let sent = 0;
const clients = [];
const timers = [];
const progress = (i, passed) => JSON.stringify({
  v: 1, id: `carga-${i}`, name: `Alumno ${i}`, lesson: LESSONS[passed % LESSONS.length],
  passed: LESSONS.slice(0, passed), goals: {}, seen: Date.now(),
});
for (let i = 0; i < STUDENTS; i++) {
  const level = `alumno-${i}`;
  const c = mqtt.connect(tcpUrl, {
    clientId: `carga-${i}`, protocolVersion: 4, reconnectPeriod: 0,
    will: { topic: `${ROOT}/${level}/online`, payload: '0', qos: 1, retain: true },
  });
  clients.push(c);
  c.on('connect', () => {
    c.publish(`${ROOT}/${level}/online`, '1', { qos: 1, retain: true });
    c.publish(`${ROOT}/${level}/progress`, progress(i, 0), { qos: 1, retain: true });
    sent += 2;
    let passed = 0;
    // A lesson passed now and then (a change), and the 30 s heartbeat.
    timers.push(setInterval(() => { passed = Math.min(passed + 1, LESSONS.length); c.publish(`${ROOT}/${level}/progress`, progress(i, passed), { qos: 1, retain: true }); sent++; }, 20_000 + (i % 20) * 500));
    timers.push(setInterval(() => { c.publish(`${ROOT}/${level}/progress`, progress(i, passed), { qos: 1, retain: true }); sent++; }, 30_000));
    for (let d = 0; d < DEVICES; d++) {
      timers.push(setInterval(() => { c.publish(`${ROOT}/${level}/Casa/Sala${d}/Temperatura`, (20 + Math.random() * 5).toFixed(1)); sent++; }, 2_000));
    }
  });
}

// Every student on the teacher's page.
await page.waitForFunction((n) => document.querySelector('[data-testid="class-count"]')?.textContent.startsWith(`${n} `), STUDENTS, { timeout: SECONDS * 1000 });
const allShown = (Date.now() - started) / 1000;
const longAtAll = await page.evaluate(() => window.__long);
const rest = Math.max(0, SECONDS * 1000 - (Date.now() - started));
await new Promise((r) => setTimeout(r, rest));
const elapsed = (Date.now() - started) / 1000;
const { long, frames, tasks } = await page.evaluate(() => ({ long: window.__long, frames: window.__frames, tasks: window.__tasks }));
const brokerCpu = (await cpu(brokerPid)) - cpu0;
for (const t of timers) clearInterval(t);
await Promise.all(clients.map((c) => new Promise((r) => c.end(true, r))));
await browser.close();
console.log(`class of ${STUDENTS}: every student on the teacher's page after ${allShown.toFixed(1)} s`);
console.log(`teacher's page: ${long} frames over 50 ms of ${frames} in ${elapsed.toFixed(0)} s (${long - longAtAll} after every student was shown), ${tasks} tasks over 50 ms; ${(sent / elapsed).toFixed(0)} messages/s published to it`);
console.log(`broker CPU: ${brokerCpu.toFixed(1)} s in ${elapsed.toFixed(0)} s (${(100 * brokerCpu / elapsed).toFixed(1)} % of one core)`);
