// The service worker: the playground works with no network after a first visit. The build
// (scripts/build.sh) writes dist/sw.js from this file with its version and the list of its
// files. All of them are fetched into one cache named after that version, and only from that
// cache are they served, so a page never mixes two builds. A new build installs beside the old
// one and waits until the page says to take over ("new version available — reload").
// Nothing else is cached: not other origins (brokers), not WebSockets, not a request that is
// not a GET. The app puts no password in a URL.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `mqtt-playground-${VERSION}`;

// Stored one file at a time, with a pause after each: fetched and stored all at once, the
// build's files took the processor from the page for a second (a running simulation skipped
// frames, e2e/perf.mjs). A few files are asked for ahead of the one being stored, so that a
// slow line's round trips overlap instead of adding up. Any file that fails fails the install,
// as addAll would: a cache is whole or not kept.
const PAUSE_MS = 25;
const AHEAD = 4;
self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // A failed install stops the downloads still on their way.
    const stop = new AbortController();
    const get = (file) => fetch(new Request(file, { cache: 'reload', signal: stop.signal })).then((response) => {
      if (!response.ok) throw new Error(`${file}: ${response.status}`);
      return response;
    });
    const coming = [];
    const ask = (k) => {
      if (k >= FILES.length) return;
      coming[k] = get(FILES[k]);
      // A file asked for ahead fails the install when its turn comes, not unhandled before.
      coming[k].catch(() => {});
    };
    try {
      for (let k = 0; k < AHEAD; k++) ask(k);
      for (let k = 0; k < FILES.length; k++) {
        ask(k + AHEAD);
        await cache.put(FILES[k], await coming[k]);
        coming[k] = null;
        await new Promise((done) => setTimeout(done, PAUSE_MS));
      }
    } catch (error) {
      stop.abort();
      await caches.delete(CACHE);
      throw error;
    }
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('mqtt-playground-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope).pathname;
  if (!url.pathname.startsWith(scope)) return;
  // Every page of the app is index.html (the lesson, language and view are in the query).
  const path = request.mode === 'navigate' ? 'index.html' : decodeURIComponent(url.pathname.slice(scope.length));
  if (!FILES.includes(path)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    return (await cache.match(path)) ?? fetch(request);
  })());
});
