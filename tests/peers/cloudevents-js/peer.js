// An independent CloudEvents 1.0 peer built on the official JavaScript SDK (cloudevents 10.x), for
// interoperability tests of Gateway Studio:
//   node peer.js receive      HTTP receiver on 127.0.0.1 (free port, printed as "LISTENING <port>");
//                             prints each event the SDK decodes as one JSON line and answers 200,
//                             or prints {"error": ...} and answers 400.
//   node peer.js send URL     sends a fixed set of events in binary and structured mode to URL and
//                             prints one JSON line per event: what was sent and the HTTP status.
"use strict";
const http = require("http");
const { CloudEvent, HTTP } = require("cloudevents");

const CORE = ["specversion", "id", "source", "type", "subject", "time", "datacontenttype", "dataschema"];

/** The event as plain JSON: attributes as strings, data as JSON text or base64 (bytes). */
function describe(ce) {
  const out = { attributes: {}, extensions: {} };
  for (const [k, v] of Object.entries(ce)) {
    if (k === "data" || k === "data_base64" || v === undefined) continue;
    (CORE.includes(k) ? out.attributes : out.extensions)[k] = String(v);
  }
  if (ce.data !== undefined && ce.data !== null) {
    if (Buffer.isBuffer(ce.data) || ce.data instanceof Uint8Array || ArrayBuffer.isView(ce.data)) {
      out.dataBase64 = Buffer.from(ce.data.buffer ? Buffer.from(ce.data) : ce.data).toString("base64");
    } else {
      out.dataJson = JSON.stringify(ce.data);
    }
  } else if (ce.data_base64) {
    out.dataBase64 = ce.data_base64;
  }
  return out;
}

function textual(contentType) {
  const mt = (contentType || "").split(";")[0].trim().toLowerCase();
  return mt === "application/json" || mt.endsWith("+json") || mt.startsWith("text/") || mt === "application/cloudevents+json";
}

function receive() {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      // The SDK reads JSON and text bodies from strings and keeps other bodies as bytes.
      const body = textual(req.headers["content-type"]) ? raw.toString("utf8") : raw;
      let line;
      try {
        const ce = HTTP.toEvent({ headers: req.headers, body });
        line = { mode: HTTP.isEvent({ headers: req.headers, body }) && req.headers["ce-specversion"] ? "binary" : "structured",
                 event: describe(ce), rawHeaders: req.headers };
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("ok\n");
      } catch (err) {
        line = { error: String(err && err.message ? err.message : err) };
        res.writeHead(400, { "content-type": "text/plain" });
        res.end(line.error + "\n");
      }
      process.stdout.write(JSON.stringify(line) + "\n");
    });
  });
  server.listen(0, "127.0.0.1", () => process.stdout.write("LISTENING " + server.address().port + "\n"));
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

function post(url, message) {
  return new Promise((resolve, reject) => {
    const body = message.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(message.body) ? message.body : Buffer.from(String(message.body));
    const headers = Object.assign({}, message.headers, { "content-length": body.length });
    for (const k of Object.keys(headers)) headers[k] = String(headers[k]);
    const req = http.request(url, { method: "POST", headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, answer: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function send(url) {
  // Header values that need no percent-encoding: this SDK neither encodes nor decodes them.
  const events = [
    { name: "json-object", ce: { id: "js-1", source: "/js/peer", type: "com.example.json", subject: "orders", datacontenttype: "application/json",
        data: { a: 1, list: [true, null, "x"], nested: { k: "v" } }, myext: "value1", num: 5 } },
    { name: "text", ce: { id: "js-2", source: "/js/peer", type: "com.example.text", datacontenttype: "text/plain", data: "hello world" } },
    { name: "bytes", ce: { id: "js-3", source: "/js/peer", type: "com.example.bytes", datacontenttype: "application/octet-stream",
        data: Buffer.from([0, 1, 2, 254, 255]) } },
    { name: "no-data", ce: { id: "js-4", source: "urn:js:peer", type: "com.example.empty", dataschema: "https://example.com/schema" } },
  ];
  for (const mode of ["binary", "structured"]) {
    for (const e of events) {
      const ce = new CloudEvent(e.ce);
      const message = mode === "binary" ? HTTP.binary(ce) : HTTP.structured(ce);
      const r = await post(url, message);
      process.stdout.write(JSON.stringify({ name: e.name, mode, status: r.status, answer: r.answer, sent: describe(ce) }) + "\n");
    }
  }
}

const [command, arg] = process.argv.slice(2);
if (command === "receive") receive();
else if (command === "send" && arg) send(arg).catch((err) => { console.error(String(err)); process.exit(1); });
else { console.error("usage: node peer.js receive | send URL"); process.exit(2); }
