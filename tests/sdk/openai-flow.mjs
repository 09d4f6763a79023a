// Drives the official OpenAI Node SDK (openai@6) against a running Reelgate server:
// create → poll → download (video + thumbnail) → image-to-video with an uploaded file →
// list + auto-pagination → delete → 404, plus a rejected request.
//
//   REELGATE_BASE_URL=http://127.0.0.1:18080/v1 REELGATE_API_KEY=rg_... node openai-flow.mjs
//
// Prints one line per step; exits 1 with a clear message on the first failure.
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import OpenAI from 'openai';
import { toFile } from 'openai/uploads';
import { VERSION } from 'openai/version';

const baseURL = process.env.REELGATE_BASE_URL;
const apiKey = process.env.REELGATE_API_KEY;
const MODEL = 'veo-3.1-fast';
const WAIT_SECONDS = Number(process.env.REELGATE_WAIT_SECONDS ?? 120);

function step(message) {
  console.log(`ok - ${message}`);
}

/** A real RGB PNG (a gradient), built from bytes: signature, IHDR, one zlib IDAT, IEND. */
function makePng(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'ascii');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1); // filter byte 0 (none) at row start
    for (let x = 0; x < width; x++) {
      const p = row + 1 + x * 3;
      raw[p] = (x * 255) / width;
      raw[p + 1] = (y * 255) / height;
      raw[p + 2] = 128;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function waitForCompletion(client, id) {
  const deadline = Date.now() + WAIT_SECONDS * 1000;
  const seen = [];
  let video;
  for (;;) {
    video = await client.videos.retrieve(id);
    assert.equal(video.id, id, 'retrieve returns the requested video');
    assert.equal(video.object, 'video', 'retrieve returns object "video"');
    assert.ok(Number.isFinite(video.progress) && video.progress >= 0 && video.progress <= 100, `progress out of range: ${video.progress}`);
    const last = seen.at(-1);
    if (last !== `${video.status}:${video.progress}`) seen.push(`${video.status}:${video.progress}`);
    if (video.status === 'completed') break;
    if (video.status === 'failed' || video.status === 'cancelled') {
      assert.fail(`video ${id} ended ${video.status}: ${JSON.stringify(video.error)}`);
    }
    assert.ok(['queued', 'in_progress'].includes(video.status), `unexpected status '${video.status}'`);
    if (Date.now() > deadline) assert.fail(`video ${id} not completed after ${WAIT_SECONDS}s (seen ${seen.join(' → ')})`);
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(video.progress, 100, 'a completed video reports progress 100');
  assert.equal(typeof video.completed_at, 'number', 'completed_at is set');
  assert.ok(video.completed_at >= video.created_at, 'completed_at >= created_at');
  return { video, seen };
}

async function download(client, id, variant) {
  const res = variant ? await client.videos.downloadContent(id, { variant }) : await client.videos.downloadContent(id);
  assert.ok(res instanceof Response, 'downloadContent resolves to a fetch Response');
  return { bytes: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type') };
}

function assertCreated(video) {
  assert.ok(typeof video.id === 'string' && video.id.length > 0, 'create returns an id');
  assert.equal(video.object, 'video', 'create returns object "video"');
  assert.equal(video.status, 'queued', `a new video is queued (got '${video.status}')`);
  assert.ok(String(video.model).startsWith(MODEL), `model '${video.model}' is ${MODEL}`);
  assert.equal(video.seconds, '4', 'create echoes seconds "4"');
  assert.equal(video.size, '1280x720', 'create echoes size "1280x720"');
  assert.equal(typeof video.created_at, 'number', 'created_at is a number');
  assert.equal(video.error, null, 'a new video has no error');
}

async function main() {
  assert.ok(baseURL, 'REELGATE_BASE_URL is not set (e.g. http://127.0.0.1:18080/v1)');
  assert.ok(apiKey, 'REELGATE_API_KEY is not set');
  const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 60_000 });
  step(`client for ${baseURL} (openai-node ${VERSION})`);

  // 1. Text to video.
  const created = await client.videos.create({
    model: MODEL,
    prompt: 'A paper boat drifting down a rain-filled gutter, macro shot',
    seconds: '4',
    size: '1280x720',
  });
  assertCreated(created);
  step(`videos.create → ${created.id} status=${created.status} model=${created.model}`);

  const first = await waitForCompletion(client, created.id);
  step(`videos.retrieve polled to completed, progress=${first.video.progress} (${first.seen.join(' → ')})`);

  const mp4 = await download(client, created.id);
  assert.equal(mp4.bytes.subarray(4, 8).toString('latin1'), 'ftyp', 'the video starts with an MP4 ftyp box');
  assert.ok(mp4.bytes.length > 10 * 1024, `the video is > 10 KB (got ${mp4.bytes.length} bytes)`);
  step(`videos.downloadContent → ${mp4.bytes.length} bytes, ftyp, content-type=${mp4.contentType}`);

  const jpg = await download(client, created.id, 'thumbnail');
  assert.ok(jpg.bytes.length > 2 && jpg.bytes[0] === 0xff && jpg.bytes[1] === 0xd8, 'the thumbnail starts with JPEG magic FF D8');
  step(`videos.downloadContent({ variant: 'thumbnail' }) → ${jpg.bytes.length} bytes, JPEG, content-type=${jpg.contentType}`);

  // 2. Image to video: input_reference as an uploaded file (multipart).
  const png = makePng(1280, 720);
  const image = await toFile(png, 'reference.png', { type: 'image/png' });
  const i2v = await client.videos.create({
    model: MODEL,
    prompt: 'The gradient slowly comes alive, camera pushes in',
    seconds: '4',
    size: '1280x720',
    input_reference: image,
  });
  assertCreated(i2v);
  assert.notEqual(i2v.id, created.id, 'the second video has a new id');
  // Reelgate's own extension fields show the upload became the task's image input.
  assert.equal(i2v.images?.length, 1, `the uploaded input_reference is the task's one image (images: ${JSON.stringify(i2v.images)})`);
  assert.equal(i2v.generation_type, 'first_frame', `an input_reference makes a first_frame task (got ${i2v.generation_type})`);
  step(`videos.create with input_reference (${png.length}-byte PNG) → ${i2v.id} status=${i2v.status} generation_type=${i2v.generation_type} images=${i2v.images.length}`);

  const second = await waitForCompletion(client, i2v.id);
  step(`image-to-video completed, progress=${second.video.progress} (${second.seen.join(' → ')})`);
  const i2vMp4 = await download(client, i2v.id, 'video');
  assert.equal(i2vMp4.bytes.subarray(4, 8).toString('latin1'), 'ftyp', 'the image-to-video result is an MP4');
  step(`videos.downloadContent({ variant: 'video' }) on the image-to-video → ${i2vMp4.bytes.length} bytes`);

  // 3. List: one page of one, then auto-pagination over every page.
  const page = await client.videos.list({ limit: 1 });
  assert.equal(page.data.length, 1, 'limit=1 returns one video');
  assert.equal(page.has_more, true, 'with two videos, limit=1 has_more');
  assert.ok(page.hasNextPage(), 'the SDK sees a next page');
  step(`videos.list({ limit: 1 }) → [${page.data[0].id}] has_more=${page.has_more} last_id=${page.last_id}`);

  const ids = [];
  for await (const video of client.videos.list({ limit: 1 })) {
    assert.equal(video.object, 'video', 'listed items are videos');
    ids.push(video.id);
    assert.ok(ids.length <= 100, 'auto-pagination does not end');
  }
  assert.equal(new Set(ids).size, ids.length, `auto-pagination repeats no id: ${ids.join(', ')}`);
  assert.ok(ids.includes(created.id) && ids.includes(i2v.id), `auto-pagination finds both ids (got ${ids.join(', ')})`);
  step(`for await (videos.list({ limit: 1 })) → ${ids.length} videos, both found`);

  const ascIds = [];
  for await (const video of client.videos.list({ order: 'asc', limit: 2 })) {
    ascIds.push(video.id);
    assert.ok(ascIds.length <= 100, 'auto-pagination does not end');
  }
  assert.deepEqual([...ascIds].sort(), [...ids].sort(), 'order=asc pages through the same videos');
  assert.deepEqual(ascIds, [...ids].reverse(), `order=asc is the reverse of the default order (asc: ${ascIds.join(', ')})`);
  step(`for await (videos.list({ order: 'asc', limit: 2 })) → ${ascIds.length} videos, oldest first`);

  // 4. Delete, then the video is gone.
  const deleted = await client.videos.delete(created.id);
  assert.deepEqual({ id: deleted.id, object: deleted.object, deleted: deleted.deleted }, { id: created.id, object: 'video.deleted', deleted: true });
  step(`videos.delete(${created.id}) → deleted=${deleted.deleted}`);

  const gone = await client.videos.retrieve(created.id).then(
    (v) => assert.fail(`retrieve after delete returned ${JSON.stringify(v)}`),
    (e) => e,
  );
  assert.ok(gone instanceof OpenAI.NotFoundError, `retrieve after delete throws NotFoundError (got ${gone?.constructor?.name}: ${gone?.message})`);
  assert.equal(gone.status, 404, 'the error status is 404');
  step(`videos.retrieve after delete → ${gone.constructor.name} ${gone.status} code=${gone.code}`);

  // 5. A request the server rejects: 5 seconds is not a duration this model renders.
  const bad = await client.videos
    .create({ model: MODEL, prompt: 'rejected', seconds: '5', size: '1280x720' })
    .then((v) => assert.fail(`seconds '5' was accepted: ${JSON.stringify(v)}`), (e) => e);
  assert.ok(bad instanceof OpenAI.BadRequestError, `seconds '5' throws BadRequestError (got ${bad?.constructor?.name}: ${bad?.message})`);
  assert.equal(bad.status, 400, 'the rejection is a 400');
  assert.equal(bad.param, 'seconds', `the error names the param (error: ${JSON.stringify(bad.error)})`);
  assert.ok(typeof bad.code === 'string' && bad.code.length > 0, `the error carries a code (error: ${JSON.stringify(bad.error)})`);
  assert.ok(typeof bad.error?.message === 'string' && bad.error.message.length > 0, 'the error carries a message');
  step(`videos.create({ seconds: '5' }) → BadRequestError 400 param=${bad.param} code=${bad.code} type=${bad.type}`);

  console.log('openai-flow: all steps passed');
}

main().catch((err) => {
  const detail = err instanceof OpenAI.APIError ? ` [${err.constructor.name} status=${err.status} error=${JSON.stringify(err.error)}]` : '';
  console.error(`not ok - openai-flow failed: ${err?.message ?? err}${detail}`);
  if (err?.stack) console.error(err.stack);
  process.exit(1);
});
