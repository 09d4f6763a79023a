// A webhook receiver that verifies Reelgate's deliveries with the official OpenAI SDK's
// `webhooks.unwrap` (Standard Webhooks). Prints `listening <port>`, then one line per request:
// `verified <webhook-id> <type> <task id>` or `rejected <webhook-id> <reason>`, and checks that a
// tampered body and a wrong secret are refused. The secret is read from WEBHOOK_SECRET_FILE on
// each request (the test writes it once the endpoint exists).
import http from 'node:http';
import fs from 'node:fs';
import OpenAI from 'openai';

const client = new OpenAI({ apiKey: 'unused', baseURL: 'http://127.0.0.1:9/v1' });
const secretFile = process.env.WEBHOOK_SECRET_FILE;

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const id = req.headers['webhook-id'];
    let secret;
    try { secret = fs.readFileSync(secretFile, 'utf8').trim(); } catch { res.writeHead(503).end(); return; }
    try {
      const event = await client.webhooks.unwrap(body, req.headers, secret);
      let tamperRejected = false;
      try { await client.webhooks.unwrap(body.replace('"status"', '"statuz"'), req.headers, secret); } catch { tamperRejected = true; }
      let wrongSecretRejected = false;
      try { await client.webhooks.unwrap(body, req.headers, 'whsec_' + Buffer.alloc(32, 7).toString('base64')); } catch { wrongSecretRejected = true; }
      if (!tamperRejected || !wrongSecretRejected) throw new Error('unwrap accepted a tampered body or a wrong secret');
      console.log(`verified ${id} ${event.type} ${event.data.id}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    } catch (e) {
      console.log(`rejected ${id} ${String(e.message).replace(/\s+/g, ' ')}`);
      res.writeHead(400).end();
    }
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
