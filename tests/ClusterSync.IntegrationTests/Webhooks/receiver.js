// A webhook receiver that verifies every delivery with the Standard Webhooks specification's own verifier
// (npm standardwebhooks): 204 when one of the signatures verifies with one of the secrets given, 401 otherwise.
// Usage: node receiver.js SECRET [SECRET...]; prints the port it listens on, on 127.0.0.1.
const http = require("http");
const { Webhook } = require(process.env.STANDARDWEBHOOKS_MODULE || "standardwebhooks");

const verifiers = process.argv.slice(2).map((secret) => new Webhook(secret));
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const verified = verifiers.some((v) => {
      try {
        v.verify(body, req.headers);
        return true;
      } catch {
        return false;
      }
    });
    res.statusCode = verified ? 204 : 401;
    res.end();
  });
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
