// A learning platform's place for SCORM 1.2 tests: a package unzipped (Python's zipfile,
// Debian's python3) and served with a parent page that runs npm scorm-again (a real SCORM 1.2
// runtime, as LMSs embed) as `window.API` and launches a SCO from the manifest's href.
// `window.lmsLog` keeps the calls and values the SCO sent.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staticFiles } from './serve.mjs';

const entity = (s) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Unzips a package into a new folder's `pkg/`: its root, the names the zip holds, the
 * manifest's text, its SCOs ({ id, href }) and the files it names.
 */
export async function unzip(zip) {
  const root = await mkdtemp(join(tmpdir(), 'scorm-lms-'));
  const listed = execFileSync('python3', ['-c',
    'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nz.extractall(sys.argv[2])\nprint("\\n".join(z.namelist()))',
    zip, join(root, 'pkg')], { encoding: 'utf8' }).trim().split('\n');
  const manifest = await readFile(join(root, 'pkg', 'imsmanifest.xml'), 'utf8');
  const scos = [...manifest.matchAll(/<resource identifier="([^"]+)"[^>]*adlcp:scormtype="sco" href="([^"]+)"/g)]
    .map(([, id, href]) => ({ id, href: entity(href) }));
  const named = [...manifest.matchAll(/<file href="([^"]+)"/g)].map(([, f]) => entity(f));
  return { root, listed, manifest, scos, named };
}

/** Serves `root` on 127.0.0.1 with `/lms.html` launching the SCO at `pkg/HREF`. */
export async function startLms(root, href) {
  const runtime = await readFile(createRequire(import.meta.url).resolve('scorm-again/scorm12'), 'utf8');
  const page = `<!doctype html><html lang="en"><head><title>LMS</title><link rel="icon" href="data:,">
<script src="/scorm12.js"></script>
<script>
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  window.lmsLog = [];
  for (const call of ['LMSInitialize', 'LMSCommit', 'LMSFinish']) window.API.on(call, () => window.lmsLog.push(call));
  window.API.on('LMSSetValue.cmi.*', (element, value) => window.lmsLog.push(element + '=' + value));
</script></head><body><main><h1>Course</h1>
<iframe id="sco" title="SCO" src="/pkg/${href}" width="1300" height="860"></iframe></main></body></html>`;
  const server = createServer(staticFiles(root, { '/lms.html': page, '/scorm12.js': runtime }));
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** The runtime's CMI as the SCO left it, and the log of its calls. */
export const cmi = (page) => page.evaluate(() => ({
  status: window.API.cmi.core.lesson_status,
  raw: window.API.cmi.core.score.raw,
  log: window.lmsLog,
}));
