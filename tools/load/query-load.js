// Sends GET requests to a running ClusterSync at a fixed overall rate with autocannon and prints one JSON
// line of latency percentiles (milliseconds) and counts. Usage:
//   node tools/load/query-load.js <base-url> <paths-file> [rate=200] [seconds=30] [connections=50]
// The paths file has one path-and-query per line; they are sent in turn.
'use strict';
const fs = require('fs');
const autocannon = require('autocannon');

const [base, pathsFile, rateText, secondsText, connectionsText] = process.argv.slice(2);
if (!base || !pathsFile) {
  console.error('usage: query-load.js <base-url> <paths-file> [rate] [seconds] [connections]');
  process.exit(2);
}

const paths = fs.readFileSync(pathsFile, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
let next = 0;
const rate = Number(rateText || 200);
const instance = autocannon({
  url: base,
  overallRate: rate,
  duration: Number(secondsText || 30),
  connections: Number(connectionsText || 50),
  requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
}, (error, result) => {
  if (error) {
    console.error(error.message);
    process.exit(1);
  }
  const l = result.latency;
  console.log(JSON.stringify({
    generator: 'autocannon ' + require('autocannon/package.json').version,
    rate,
    requests: result.requests.total,
    seconds: result.duration,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: { p50: l.p50, p90: l.p90, p99: l.p99, max: l.max, mean: l.average },
  }));
});
autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
