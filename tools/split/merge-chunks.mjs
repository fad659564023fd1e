// Merges wasm-split-cli's shared chunks into fewer files, in its output directory, in place.
//
// wasm-split-cli writes one chunk for each set of split points that share code: 185 files,
// most under 1 KB. A lesson's first screen fetched some 90 of them, and the service worker
// fetched them all a few seconds later (request after request on a school's slow line; the
// page's animation skipped frames while they were stored).
//
// Any grouping is correct: every split point keeps loading each chunk it needs, now found in
// the group that holds it (the other chunks' loaders become the group's), so it may also load
// code it does not use. The groups are chosen so that no first screen fetches more than
// before: a chunk goes with the others used by the same parts of FIRST (the parts a first
// screen loads: its language's words, a lesson's steps, the house demo), or, if no first
// screen needs it, of NEXT (a lesson's questions and goal checks, which come a step later).
// Other chunks stay as they were.
//
// The merge is binaryen's wasm-merge (on PATH, from tools/node_modules): each chunk's imports
// (memory, function table, one global) are renamed to come from a small module that imports
// them once, so the group imports them once too.
// Usage: node tools/split/merge-chunks.mjs DIR (DIR holds __wasm_split.js and chunk_N.wasm;
// tools/split/wasm-bindgen runs it)
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FIRST = ['catalogue_es', 'catalogue_en', 'catalogue_qps', 'lesson_steps', 'demos'];
const NEXT = ['lesson_ask', 'lesson_checks'];
const IMPORTS = 'memory|__indirect_function_table|__wasm_split_shared0';
// The features the chunks are built with (their target features section), and no newer
// encoding (binaryen writes compact imports when all features are on, which wasm-opt refuses).
const FEATURES = ['--mvp-features', ...['reference-types', 'bulk-memory', 'bulk-memory-opt', 'call-indirect-overlong',
  'nontrapping-float-to-int', 'sign-ext', 'multivalue', 'mutable-globals'].map((f) => `--enable-${f}`)];
const IMPORT = 2;
const EXPORT = 7;

/** A module's bytes with each section's body passed through `edit` (null drops it). */
function withSections(bytes, edit) {
  const out = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, from] = leb(bytes, at + 1);
    const body = edit(id, bytes.subarray(from, from + size));
    if (body) out.push(Uint8Array.of(id), uleb(body.length), body);
    at = from + size;
  }
  return Buffer.concat(out);
}

/** An unsigned LEB128 at `at`: its value and where it ends. */
function leb(bytes, at) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, at];
  }
}

/** `value` as an unsigned LEB128. */
function uleb(value) {
  const out = [];
  do {
    const b = value % 128;
    value = Math.floor(value / 128);
    out.push(value ? b | 0x80 : b);
  } while (value);
  return Uint8Array.from(out);
}

/** An import section's body with each import from module `from` renamed `to` (as long). */
function renamed(body, from, to) {
  const name = Buffer.from([from.length, ...Buffer.from(from)]);
  const out = Buffer.from(body);
  let count = 0;
  for (let at = out.indexOf(name); at >= 0; at = out.indexOf(name, at + 1)) {
    out.write(to, at + 1, 'latin1');
    count++;
  }
  if (!count) throw new Error(`no import from ${from}`);
  return out;
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tools/split/merge-chunks.mjs DIR');
  process.exit(2);
}
const loaderPath = join(dir, '__wasm_split.js');
let loader = readFileSync(loaderPath, 'utf8');
const run = (tool, args) =>
  execFileSync(tool, [...FEATURES, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });

// Each chunk's loader, as wasm-split-cli writes it: its users in a comment, its file, no deps.
const CHUNK = /\/\* ([^*]*) \*\/\nconst __chunk_(\d+) = makeLoad\(\(\) => \{\n[^\n]*"\.\/(chunk_\d+)\.wasm"[\s\S]*?\n\}\n, \[\]\);\n/g;
const groups = new Map();
for (const m of loader.matchAll(CHUNK)) {
  const [text, users, index, file] = m;
  const of = (parts) => parts.filter((s) => users.split(', ').includes(s)).join('+');
  const key = of(FIRST) || of(NEXT);
  if (!key) continue;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push({ text, index, file });
}

// The module a group's chunks import through (wasm-merge joins imports to its exports). Its
// name has as many letters as "__wasm_split", so a chunk's import section keeps its size.
const BASE = '__wasm_chunk';
const base = join(dir, `${BASE}.wasm`);
const first = [...groups.values()][0]?.[0];
const imported = first
  ? run('wasm-dis', [join(dir, `${first.file}.wasm`)]).split('\n').filter((l) => l.startsWith(' (import '))
  : [];
if (first && (imported.length !== 3 || !imported.every((l) => new RegExp(`^ \\(import "__wasm_split" "(${IMPORTS})"`).test(l)))) {
  throw new Error(`a chunk's imports are not the three expected: ${imported.join('; ')}`);
}
writeFileSync(`${base}.wat`, `(module\n${imported.join('\n')}\n${imported.map((l) => {
  const [, name, kind, id] = /"([^"]+)" \((memory|table|global) (\$\S+)/.exec(l);
  return ` (export "${name}" (${kind} ${id}))`;
}).join('\n')})\n`);
run('wasm-as', [`${base}.wat`, '-o', base]);
rmSync(`${base}.wat`);

let files = 0;
for (const [key, chunks] of groups) {
  files += chunks.length;
  if (chunks.length < 2) continue;
  const [head, ...rest] = chunks;
  const parts = [];
  for (const { file } of chunks) {
    const path = join(dir, `${file}.wasm`);
    writeFileSync(path, withSections(readFileSync(path), (id, body) => {
      if (id === EXPORT && body[0] !== 0) throw new Error(`${file}: a chunk that exports`);
      return id === EXPORT ? null : id === IMPORT ? renamed(body, '__wasm_split', BASE) : body;
    }));
    parts.push(path, file);
  }
  const merged = join(dir, 'merged.wasm');
  run('wasm-merge', [base, BASE, ...parts, '-o', merged]);
  // The small module's exports go: a chunk exports nothing.
  writeFileSync(join(dir, `${head.file}.wasm`), withSections(readFileSync(merged), (id, body) => (id === EXPORT ? null : body)));
  rmSync(merged);
  for (const { text, index, file } of rest) {
    loader = loader.replace(text, `const __chunk_${index} = __chunk_${head.index};\n`);
    rmSync(join(dir, `${file}.wasm`));
  }
  loader = loader.replace(head.text, head.text.replace(/^\/\* [^*]* \*\//, `/* ${key}: ${chunks.length} chunks */`));
  console.error(`[split] ${key}: ${chunks.length} chunks in ${head.file}`);
}
rmSync(base);
writeFileSync(loaderPath, loader);
console.error(`[split] ${files} chunks a first screen or the next step loads, merged into ${groups.size} files`);
