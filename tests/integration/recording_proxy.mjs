// A request-recording reverse proxy for the integration tests, put between clerk-mcp and the
// Prism mock of Clerk's API. Prism accepts any string as a path parameter and does not log query
// strings, so tests read what clerk-mcp really sent from the JSONL file this proxy writes: one
// line per request with method, raw path and query, headers and body.
//
// The Authorization header carries the (sentinel) secret key, and the test script fails the run
// when that key appears in any file it leaves behind. So the header is never written: the log
// holds `authorization_sha256`, the SHA-256 hex of its whole value (tests compare it with
// `Bearer <key>`), and Prism receives a fixed stand-in key, so its own log cannot hold it either.
//
// Usage: node tests/integration/recording_proxy.mjs --port PORT --target URL --log FILE
// Prints "listening on http://127.0.0.1:PORT" once it accepts connections. Listens on 127.0.0.1
// only and forwards only to `--target`, which scripts/test points at the local mock.

import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
    options: {
        port: { type: 'string' },
        target: { type: 'string' },
        log: { type: 'string' },
    },
});
if (!values.port || !values.target || !values.log) {
    console.error('usage: recording_proxy.mjs --port PORT --target URL --log FILE');
    process.exit(2);
}
const target = new URL(values.target);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    console.error('recording_proxy: the target must be on this machine');
    process.exit(2);
}

// Prism checks only that a bearer token is present, so any fixed value stands in for the key.
const standInAuthorization = 'Bearer sk_test_recording_proxy_stand_in';

// The headers to record and to forward: Authorization replaced by its fingerprint in the one,
// by the stand-in in the other; a request without it stays without it.
function splitAuthorization(headers) {
    const { authorization, ...rest } = headers;
    if (authorization === undefined) {
        return { recorded: rest, forwarded: rest, fingerprint: null };
    }
    return {
        recorded: rest,
        forwarded: { ...rest, authorization: standInAuthorization },
        fingerprint: createHash('sha256').update(authorization, 'utf8').digest('hex'),
    };
}

const server = createServer((incoming, outgoing) => {
    const chunks = [];
    incoming.on('data', (chunk) => chunks.push(chunk));
    incoming.on('end', () => {
        const body = Buffer.concat(chunks);
        const { recorded, forwarded, fingerprint } = splitAuthorization(incoming.headers);
        appendFileSync(
            values.log,
            `${JSON.stringify({
                time: new Date().toISOString(),
                method: incoming.method,
                url: incoming.url,
                headers: recorded,
                authorization_sha256: fingerprint,
                body: body.toString('utf8'),
            })}\n`,
        );

        const upstream = request(
            {
                host: target.hostname.replace(/^\[|\]$/g, ''),
                port: target.port,
                method: incoming.method,
                path: incoming.url,
                headers: { ...forwarded, host: target.host },
            },
            (answer) => {
                outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
                answer.pipe(outgoing);
            },
        );
        upstream.on('error', (error) => {
            outgoing.writeHead(502, { 'content-type': 'text/plain' });
            outgoing.end(`recording_proxy: upstream failed: ${error.message}\n`);
        });
        upstream.end(body);
    });
});

server.listen(Number(values.port), '127.0.0.1', () => {
    console.log(`listening on http://127.0.0.1:${server.address().port}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
        server.close(() => process.exit(0));
        server.closeAllConnections();
    });
}
