// Browser helpers the Rust shell calls (src/web/files.rs): the browser's own deflate for share
// links (no compression library ships with the app), the clipboard, fetching and reading text.
// Each one rejects with a short reason instead of throwing past the caller.

const MAX_TEXT = 4 * 1024 * 1024;

function toBase64Url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

// Reads a stream as text, refusing more than MAX_TEXT bytes (a crafted link cannot inflate
// into gigabytes).
async function boundedText(stream) {
  const reader = stream.getReader();
  const parts = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_TEXT) {
      await reader.cancel();
      throw new Error('more than 4 MB');
    }
    parts.push(value);
  }
  return new TextDecoder().decode(await new Blob(parts).arrayBuffer());
}

export async function packText(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

export async function unpackText(packed) {
  const stream = new Blob([fromBase64Url(packed)]).stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  return boundedText(stream);
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (_) {
    return false;
  }
}

// A file the first screen will need, asked for as the page starts (while the code that reads
// it is still coming): the next fetchText of the same URL takes the answer, later ones fetch
// again. A failure is forgotten, not handed to a later reader.
const early = new Map();
export function fetchEarly(url) {
  if (early.has(url)) return;
  const text = fetchTextNow(url);
  text.catch(() => {
    if (early.get(url) === text) early.delete(url);
  });
  early.set(url, text);
}

export async function fetchText(url) {
  const text = early.get(url);
  if (text) {
    early.delete(url);
    return text;
  }
  return fetchTextNow(url);
}

async function fetchTextNow(url) {
  const response = await fetch(url, { cache: 'no-cache', credentials: 'omit' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return boundedText(response.body);
}

// One of the app's own files, as bytes (the service worker answers when offline).
export async function fetchBytes(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function fileText(input) {
  const file = input.files && input.files[0];
  if (!file) return '';
  if (file.size > MAX_TEXT) throw new Error('more than 4 MB');
  return file.text();
}

// The chosen file's size in bytes (0 when none), read before the file is: a file that is too
// large is refused without reading it.
export function fileSize(input) {
  const file = input.files && input.files[0];
  return file ? file.size : 0;
}

// The chosen file's bytes.
export async function fileBytes(input) {
  const file = input.files && input.files[0];
  if (!file) return new Uint8Array(0);
  return new Uint8Array(await file.arrayBuffer());
}

// The service worker (src/web/sw.js, written by the build): registered a few seconds after the
// page loaded, so that fetching the whole build for offline use never slows the first screen.
// `onUpdate` is called when a newer build has installed beside the running one.
let waitingWorker = null;
export function registerWorker(onUpdate) {
  if (!('serviceWorker' in navigator)) return;
  const register = () => navigator.serviceWorker.register('./sw.js').then((reg) => {
    const offer = (worker) => { waitingWorker = worker; onUpdate(); };
    if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
      });
    });
  }).catch(() => {});
  const later = () => setTimeout(register, 5000);
  if (document.readyState === 'complete') later(); else addEventListener('load', later, { once: true });
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (waitingWorker && !reloading) { reloading = true; location.reload(); }
  });
}

// Lets the newer build take over; the page reloads when it has.
export function applyUpdate() {
  waitingWorker?.postMessage('take-over');
}
