// Shortens the names the main wasm module imports its JS glue functions by
// (`__wbg_navigator_c17f443a6fe5d38d` → `_0`), in the module and in the glue alike. Each long
// name carries a 16-digit hash that no compressor can shrink: 247 of them cost about 7 KB
// gzip of a first visit, half in the wasm and half in the JS. Nothing else changes: the same
// imports in the same order, the same functions.
// Usage: node scripts/short-imports.mjs MODULE.wasm GLUE.js
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, jsPath] = process.argv.slice(2);
const wasm = readFileSync(wasmPath);
let js = readFileSync(jsPath, 'utf8');
// The glue's own module name, as the wasm imports it.
const GLUE = './mqtt-playground_bg.js';

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function leb(buf, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

/** Encodes an unsigned LEB128. */
function toLeb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

/** A name as the binary format writes it: its length, then its bytes. */
const named = (text) => { const b = Buffer.from(text, 'utf8'); return Buffer.concat([toLeb(b.length), b]); };

if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath}: not a wasm module`);
const parts = [wasm.subarray(0, 8)];
let at = 8;
let renamed = 0;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, body] = leb(wasm, at + 1);
  const end = body + size;
  if (id !== 2) {
    parts.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  // The import section: each import's module and name, then what it imports (copied as is).
  let [count, p] = leb(wasm, body);
  const out = [toLeb(count)];
  for (let i = 0; i < count; i++) {
    const [mlen, m] = leb(wasm, p);
    const module = wasm.toString('utf8', m, m + mlen);
    const [nlen, n] = leb(wasm, m + mlen);
    const name = wasm.toString('utf8', n, n + nlen);
    let q = n + nlen;
    const kind = wasm[q++];
    if (kind === 0) [, q] = leb(wasm, q); // a function: its type
    else if (kind === 1) { q++; const [flags, r] = leb(wasm, q); [, q] = leb(wasm, r); if (flags & 1) [, q] = leb(wasm, q); } // a table
    else if (kind === 2) { const [flags, r] = leb(wasm, q); [, q] = leb(wasm, r); if (flags & 1) [, q] = leb(wasm, q); } // a memory
    else if (kind === 3) q += 2; // a global
    else throw new Error(`${wasmPath}: import kind ${kind} not known`);
    let short = name;
    if (module === GLUE && /^__wbg|^__wbindgen/.test(name)) {
      short = `_${(renamed++).toString(36)}`;
      // The glue names each import once, as a key of its imports object.
      const found = js.split(name).length - 1;
      if (found !== 1) throw new Error(`${jsPath}: ${name} appears ${found} times, not once`);
      js = js.replace(name, short);
    }
    out.push(named(module), named(short), wasm.subarray(n + nlen, q));
    p = q;
  }
  if (p !== end) throw new Error(`${wasmPath}: the import section is not what was read`);
  const section = Buffer.concat(out);
  parts.push(Buffer.from([2]), toLeb(section.length), section);
  at = end;
}
writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(jsPath, js);
console.log(`[build] ${renamed} imports renamed in ${wasmPath.split('/').pop()} and its glue`);
