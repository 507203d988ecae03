// A webhook receiver that verifies every delivery with the Standard Webhooks specification's own verifier
// (npm standardwebhooks): 204 when one of the signatures verifies with one of the secrets given, 401 otherwise.
// Usage: node receiver.js [SECRET...]; prints the port it listens on, on 127.0.0.1.
// Deliveries go to /hook. The test steers the receiver through /control:
//   PUT  /control/secrets   body: JSON array of secrets to verify with (replaces those given on the command line)
//   POST /control/fail?count=N&status=S   answer the next N deliveries with status S (default 503)
//   POST /control/redirect?on=1|0         answer deliveries with 307 to another path
//   GET  /control/received                every delivery so far: webhookId, eventId, type, verified, status
//   GET  /control/count                   how many deliveries so far
const http = require("http");
const { Webhook } = require(process.env.STANDARDWEBHOOKS_MODULE || "standardwebhooks");

let verifiers = process.argv.slice(2).map((secret) => new Webhook(secret));
let failNext = 0;
let failStatus = 503;
let redirect = false;
const received = [];

function verify(body, headers) {
  return verifiers.some((v) => {
    try {
      v.verify(body, headers);
      return true;
    } catch {
      return false;
    }
  });
}

function control(req, res, url, body) {
  if (url.pathname === "/control/secrets") {
    verifiers = JSON.parse(body).map((secret) => new Webhook(secret));
  } else if (url.pathname === "/control/fail") {
    failNext = parseInt(url.searchParams.get("count") || "1", 10);
    failStatus = parseInt(url.searchParams.get("status") || "503", 10);
  } else if (url.pathname === "/control/redirect") {
    redirect = url.searchParams.get("on") === "1";
  } else if (url.pathname === "/control/count") {
    res.end(String(received.length));
    return;
  } else if (url.pathname === "/control/received") {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(received));
    return;
  } else {
    res.statusCode = 404;
  }
  res.end();
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url, "http://receiver");
    if (url.pathname.startsWith("/control/")) {
      control(req, res, url, body);
      return;
    }
    const verified = verify(body, req.headers);
    let status = verified ? 204 : 401;
    if (redirect) {
      status = 307;
      res.setHeader("location", "/elsewhere");
    } else if (failNext > 0) {
      failNext--;
      status = failStatus;
    }
    let event = {};
    try {
      event = JSON.parse(body);
    } catch {
      event = {};
    }
    received.push({ webhookId: req.headers["webhook-id"] || "", eventId: event.id || "", type: event.type || "", verified, status });
    res.statusCode = status;
    res.end();
  });
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
