// Drives a real Reelgate server with ONLY a client generated from its live OpenAPI document
// (openapi-typescript types + openapi-fetch): create a video, poll it to completion, download
// the MP4. A field renamed or a status code left out of the document fails to compile or here.
//
//   REELGATE_BASE_URL=http://127.0.0.1:18080 REELGATE_API_KEY=rg_... node generated/out/client-flow.js
import createClient from "openapi-fetch";
import type { paths } from "./generated/schema.js";

const baseUrl = process.env.REELGATE_BASE_URL!;
const apiKey = process.env.REELGATE_API_KEY!;
const waitSeconds = Number(process.env.REELGATE_WAIT_SECONDS ?? 120);

const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` } });

function fail(message: string, detail?: unknown): never {
  console.error(`client-flow: ${message}`, detail === undefined ? "" : JSON.stringify(detail));
  process.exit(1);
}

const created = await client.POST("/v1/videos", {
  body: { prompt: "a red kite over green hills, generated client", model: "veo-3.1-fast", seconds: "4", resolution: "720p" },
});
if (created.error || created.response.status !== 202) fail(`create answered ${created.response.status}`, created.error);
const id: string = created.data.id;
console.log(`ok - created ${id} (${created.data.status}, model ${created.data.model})`);

let video = created.data;
const deadline = Date.now() + waitSeconds * 1000;
while (video.status === "queued" || video.status === "in_progress") {
  if (Date.now() > deadline) fail(`still ${video.status} after ${waitSeconds} s`);
  await new Promise((resolve) => setTimeout(resolve, 250));
  const polled = await client.GET("/v1/videos/{id}", { params: { path: { id } } });
  if (polled.error) fail(`poll answered ${polled.response.status}`, polled.error);
  video = polled.data;
}
if (video.status !== "completed") fail(`ended ${video.status}`, video.error);
const output = video.outputs[0];
console.log(`ok - completed: ${output.metadata.width}x${output.metadata.height}, ${output.metadata.duration} s`);

const content = await client.GET("/v1/videos/{id}/content", { params: { path: { id } }, parseAs: "arrayBuffer" });
if (content.error || !content.data) fail(`content answered ${content.response.status}`, content.error);
const bytes = new Uint8Array(content.data as ArrayBuffer);
const box = new TextDecoder("latin1").decode(bytes.subarray(4, 8));
if (box !== "ftyp") fail(`content is not an MP4: bytes 4..8 are '${box}'`);
if (bytes.length !== output.metadata.size_bytes) fail(`content has ${bytes.length} bytes; the task says ${output.metadata.size_bytes}`);
console.log(`ok - downloaded ${bytes.length} bytes of MP4 (${content.response.headers.get("content-type")})`);

const missing = await client.GET("/v1/videos/{id}", { params: { path: { id: "video_does_not_exist" } } });
if (missing.response.status !== 404 || missing.error?.code !== "not_found") fail("an unknown id did not answer a not_found problem", missing.error);
console.log(`ok - unknown id: ${missing.response.status} ${missing.error.code} (param ${missing.error.param})`);
console.log("client-flow: all steps passed");
