// Plays a URL in real Chromium and reports whether playback got past 2 s with no error event.
//   node play.mjs hls <master.m3u8 url>     hls.js (from this package) in a page on its own origin
//   node play.mjs video <mp4 or webm url>   a plain muted <video>
//   node play.mjs can-play <mime type>...   what video.canPlayType and MediaSource.isTypeSupported say of each
// Prints one JSON line; exits 0 when the check passed (for can-play: always, the answer is the output).
// The page is served by this script on 127.0.0.1, so the media comes from another origin: the server's
// CORS headers are part of what is checked, as for any player embedded on a customer's site.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const [mode, target, ...more] = process.argv.slice(2);
if (!['hls', 'video', 'can-play'].includes(mode) || !target) {
  console.error('usage: node play.mjs hls|video|can-play <url or mime type>');
  process.exit(2);
}
const hlsJs = await readFile(createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js'));

const page = `<!doctype html><meta charset="utf-8"><script src="/hls.min.js"></script>
<video id="v" muted playsinline autoplay></video>
<script>
const params = new URLSearchParams(location.search);
const v = document.getElementById('v');
window.report = { errors: [], currentTime: 0, passed: false };
const fail = (what) => { window.report.errors.push(what); };
v.addEventListener('error', () => fail('video error ' + (v.error && v.error.code) + ' ' + (v.error && v.error.message)));
v.addEventListener('timeupdate', () => {
  window.report.currentTime = v.currentTime;
  if (v.currentTime > 2) window.report.passed = true;
});
if (params.get('mode') === 'hls') {
  if (!Hls.isSupported()) fail('hls.js: MediaSource is not supported');
  else {
    const hls = new Hls();
    hls.on(Hls.Events.ERROR, (_, d) => fail('hls.js ' + d.type + ' ' + d.details + (d.fatal ? ' (fatal)' : '')));
    hls.on(Hls.Events.MANIFEST_PARSED, (_, d) => { window.report.levels = d.levels.map(l => l.width + 'x' + l.height + ' ' + l.codecSet); v.play().catch(e => fail('play: ' + e)); });
    hls.loadSource(params.get('src'));
    hls.attachMedia(v);
  }
} else {
  v.src = params.get('src');
  v.play().catch(e => fail('play: ' + e));
}
</script>`;

const server = http.createServer((req, res) => {
  if (req.url.startsWith('/hls.min.js')) { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(hlsJs); return; }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});
let result;
try {
  const tab = await browser.newPage();
  const origin = `http://127.0.0.1:${server.address().port}/`;
  if (mode === 'can-play') {
    await tab.goto(origin);
    const types = await tab.evaluate((list) => list.map((type) => ({
      type,
      canPlayType: document.createElement('video').canPlayType(type),
      mediaSource: typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported(type),
    })), [target, ...more]);
    result = { types, passed: true };
  } else {
    await tab.goto(`${origin}?mode=${mode}&src=${encodeURIComponent(target)}`);
    // Done at the first error event or once playback is past 2 s; the test's own timeout bounds the rest.
    await tab.waitForFunction(() => window.report.passed || window.report.errors.length > 0, null, { timeout: 90_000, polling: 100 });
    result = await tab.evaluate(() => window.report);
    result.passed = result.passed && result.errors.length === 0;
  }
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(result));
process.exit(result.passed ? 0 : 1);
