// The official OpenAI Node SDK's `videos.remix` against a running Reelgate server: create →
// wait → remix(id, { prompt }) → the remix names its parent (`remixed_from_video_id`) and
// completes with a playable MP4 of the parent's length and size.
//
//   REELGATE_BASE_URL=http://127.0.0.1:18080/v1 REELGATE_API_KEY=rg_... node openai-remix.mjs
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const baseURL = process.env.REELGATE_BASE_URL;
const apiKey = process.env.REELGATE_API_KEY;
const WAIT_SECONDS = Number(process.env.REELGATE_WAIT_SECONDS ?? 180);

async function completed(client, id) {
  const deadline = Date.now() + WAIT_SECONDS * 1000;
  for (;;) {
    const video = await client.videos.retrieve(id);
    if (video.status === 'completed') return video;
    if (video.status === 'failed' || video.status === 'cancelled') assert.fail(`video ${id} ended ${video.status}: ${JSON.stringify(video.error)}`);
    if (Date.now() > deadline) assert.fail(`video ${id} not completed after ${WAIT_SECONDS}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main() {
  assert.ok(baseURL && apiKey, 'REELGATE_BASE_URL and REELGATE_API_KEY must be set');
  const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 60_000 });
  const parent = await client.videos.create({ model: 'veo-3.1-fast', prompt: 'A paper boat on a canal', seconds: '4', size: '1280x720' });
  await completed(client, parent.id);
  console.log(`ok - parent ${parent.id} completed`);

  const remix = await client.videos.remix(parent.id, { prompt: 'The same canal, now at night with lanterns' });
  assert.equal(remix.object, 'video');
  assert.equal(remix.remixed_from_video_id, parent.id, 'the remix names its parent');
  assert.equal(remix.status, 'queued');
  const done = await completed(client, remix.id);
  assert.equal(done.remixed_from_video_id, parent.id);
  assert.equal(done.seconds, '4', 'a remix keeps the parent length');
  assert.equal(done.size, '1280x720', 'a remix keeps the parent size');
  const res = await client.videos.downloadContent(remix.id);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(bytes.subarray(4, 8).toString('latin1'), 'ftyp', 'the remix is an MP4');
  console.log(`ok - videos.remix → ${remix.id} completed, ${bytes.length} bytes`);
  console.log('openai-remix: all steps passed');
}

main().catch((e) => {
  console.error(`openai-remix failed: ${e?.stack ?? e}`);
  process.exit(1);
});
