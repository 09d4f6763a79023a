// Drives the official Google GenAI SDK (@google/genai@2) against a running Reelgate server, with
// nothing changed but httpOptions.baseUrl and the API key:
//   all:      Gemini API mode (text; first + last frame; reference images) and Vertex AI mode
//             (express: first frame with seed/generateAudio; project/location: text), each
//             followed with getVideosOperation until done and saved with ai.files.download;
//   filtered: a prompt the upstream's safety filter blocks, in both modes.
//
//   REELGATE_ORIGIN=http://127.0.0.1:18080 REELGATE_API_KEY=rg_... OUT_DIR=/some/dir node google-flow.mjs all
//
// Prints `ok - …` per step and `file <label> <path> <taskId>` per download; exits 1 on the first failure.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { GoogleGenAI } from '@google/genai';

const baseUrl = process.env.REELGATE_ORIGIN;
const apiKey = process.env.REELGATE_API_KEY;
const outDir = process.env.OUT_DIR;
const mode = process.argv[2] ?? 'all';
const MODEL = 'veo-3.1-fast-generate-preview';
const PNG = process.env.PNG_BASE64; // a small real PNG, from the test
const image = { imageBytes: PNG, mimeType: 'image/png' };

const gemini = new GoogleGenAI({ apiKey, httpOptions: { baseUrl } });
const express = new GoogleGenAI({ vertexai: true, apiKey, httpOptions: { baseUrl } });
const project = new GoogleGenAI({ vertexai: true, apiKey, project: 'demo-project', location: 'us-central1', httpOptions: { baseUrl } });

async function untilDone(ai, operation) {
  const deadline = Date.now() + 180_000;
  while (!operation.done) {
    assert.ok(Date.now() < deadline, `operation ${operation.name} not done in time`);
    await new Promise((r) => setTimeout(r, 500));
    operation = await ai.operations.getVideosOperation({ operation });
  }
  assert.equal(operation.error, undefined, `operation failed: ${JSON.stringify(operation.error)}`);
  return operation;
}

async function generate(label, ai, request, namePattern) {
  let operation = await ai.models.generateVideos(request);
  assert.match(operation.name, namePattern, `${label}: operation name`);
  const taskId = operation.metadata?.taskId;
  assert.match(taskId ?? '', /^video_[0-9a-f]{32}$/, `${label}: metadata.taskId`);
  operation = await untilDone(ai, operation);
  const videos = operation.response?.generatedVideos ?? [];
  assert.equal(videos.length, request.config?.numberOfVideos ?? 1, `${label}: generatedVideos`);
  for (const [i, video] of videos.entries()) {
    const path = join(outDir, `${label}-${i}.mp4`);
    await ai.files.download({ file: video, downloadPath: path });
    console.log(`file ${label} ${path} ${taskId}`);
  }
  console.log(`ok - ${label}`);
}

async function filtered(label, ai) {
  let operation = await ai.models.generateVideos({ model: MODEL, prompt: 'a harbour at night [filter-me]', config: { durationSeconds: 4 } });
  operation = await untilDone(ai, operation);
  assert.equal(operation.response?.raiMediaFilteredCount, 1, `${label}: ${JSON.stringify(operation)}`);
  assert.ok(operation.response.raiMediaFilteredReasons?.[0]?.length > 0, `${label}: a reason`);
  assert.equal(operation.response.generatedVideos, undefined, `${label}: no videos`);
  console.log(`ok - ${label}`);
}

const GEMINI_NAME = /^models\/veo-3\.1-fast-generate-preview\/operations\/[0-9a-f]{32}$/;
if (mode === 'filtered') {
  await filtered('gemini-filtered', gemini);
  await filtered('vertex-filtered', express);
} else {
  await Promise.all([
    generate('gemini-text', gemini, {
      model: `models/${MODEL}`, prompt: 'a lighthouse at dusk, waves rolling in',
      config: { numberOfVideos: 1, durationSeconds: 4, aspectRatio: '16:9', resolution: '720p', negativePrompt: 'blurry', personGeneration: 'allow_adult', enhancePrompt: false },
    }, GEMINI_NAME),
    generate('gemini-first-last', gemini, {
      model: MODEL, prompt: 'a paper boat drifting across a pond', image, config: { lastFrame: image, durationSeconds: 8 },
    }, GEMINI_NAME),
    generate('gemini-reference', gemini, {
      model: MODEL, prompt: 'a red kite over green hills',
      config: { referenceImages: [{ image, referenceType: 'asset' }, { image, referenceType: 'asset' }], durationSeconds: 8, aspectRatio: '16:9' },
    }, GEMINI_NAME),
    generate('vertex-express', express, {
      model: MODEL, prompt: 'a steam train crossing a viaduct', image,
      config: { durationSeconds: 4, seed: 1234, generateAudio: false, aspectRatio: '9:16' },
    }, /^publishers\/google\/models\/veo-3\.1-fast-generate-preview\/operations\/[0-9a-f]{32}$/),
    generate('vertex-project', project, {
      model: MODEL, prompt: 'snow falling on a quiet street', config: { durationSeconds: 4, numberOfVideos: 2 },
    }, /^projects\/demo-project\/locations\/us-central1\/publishers\/google\/models\/veo-3\.1-fast-generate-preview\/operations\/[0-9a-f]{32}$/),
  ]);
}
console.log(`google-flow: all ${mode} steps passed`);
