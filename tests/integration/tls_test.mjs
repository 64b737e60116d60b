// TLS through the binary: an https stand-in for Clerk on 127.0.0.1 whose self-signed certificate
// is made at test time with the openssl CLI. Without --ca-file the call must fail on the
// certificate; naming the certificate with --ca-file must make it work; a certificate for
// another host name must still fail with it. Skips when the openssl CLI is absent.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
    assertStillServing,
    binaryMissing,
    errorText,
    structured,
    withSession,
} from './support.mjs';

function opensslMissing() {
    try {
        execFileSync('openssl', ['version'], { stdio: 'ignore' });
        return false;
    } catch {
        return 'the openssl CLI is not installed, so no test certificate can be made';
    }
}

const skip = binaryMissing || opensslMissing();
const listUsers = { method: 'GET', path: '/users', query: { limit: 1 } };

// Makes a self-signed certificate (usable as its own CA) for `subjectAltName` in `dir`;
// returns the paths of the certificate and key.
function makeCertificate(dir, name, subjectAltName) {
    const cert = join(dir, `${name}.pem`);
    const key = join(dir, `${name}.key`);
    execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
            '-keyout', key, '-out', cert, '-days', '1', '-subj', `/CN=${name}`,
            '-addext', `subjectAltName=${subjectAltName}`,
            '-addext', 'basicConstraints=critical,CA:TRUE'],
        { stdio: 'ignore', timeout: 30_000 },
    );
    return { cert, key };
}

// An https server answering every request with an empty user list; returns {url, hits, close}.
async function startHttps({ cert, key }) {
    const hits = [];
    const server = createServer(
        { cert: readFileSync(cert), key: readFileSync(key) },
        (request, response) => {
            hits.push(`${request.method} ${request.url}`);
            response.writeHead(200, { 'content-type': 'application/json' });
            response.end('[]');
        },
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return {
        url: `https://127.0.0.1:${server.address().port}`,
        hits,
        close: async () => {
            server.closeAllConnections();
            server.close();
            await once(server, 'close');
        },
    };
}

// Each suite is bounded as a whole; each tool call also by the SDK's 60 s request timeout.
describe('TLS to Clerk', { skip, timeout: 120_000 }, () => {
    let dir;
    let good;
    let wrongName;

    before(() => {
        dir = mkdtempSync(join(tmpdir(), 'clerk-mcp-tls-'));
        good = makeCertificate(dir, 'loopback', 'IP:127.0.0.1');
        wrongName = makeCertificate(dir, 'elsewhere', 'DNS:not-this-host.test');
    });

    after(() => {
        if (dir) {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    test('a self-signed server fails verification without --ca-file', async () => {
        const server = await startHttps(good);
        try {
            await withSession({ label: 'tlsnoca', apiUrl: server.url }, async (s) => {
                const result = await s.call('execute_request', listUsers);
                const text = errorText(result, 'GET to a self-signed server');
                assert.equal(result.structuredContent.transport_error, 'tls_verify');
                assert.match(text, /certificate/i);
                assert.match(text, /--ca-file/);
                assert.deepEqual(server.hits, [], 'a request went out over an unverified link');
                await assertStillServing(s);
            });
        } finally {
            await server.close();
        }
    });

    test('the same server works when its certificate is named with --ca-file', async () => {
        const server = await startHttps(good);
        try {
            const options = { label: 'tlsca', apiUrl: server.url, args: ['--ca-file', good.cert] };
            await withSession(options, async (s) => {
                const answer = structured(await s.call('execute_request', listUsers), 'GET');
                assert.equal(answer.status, 200);
                assert.deepEqual(answer.data, []);
                assert.deepEqual(server.hits, ['GET /v1/users?limit=1']);
            });
        } finally {
            await server.close();
        }
    });

    test('a trusted certificate for another host name still fails', async () => {
        const server = await startHttps(wrongName);
        try {
            const options = {
                label: 'tlsname',
                apiUrl: server.url,
                args: ['--ca-file', wrongName.cert],
            };
            await withSession(options, async (s) => {
                const result = await s.call('execute_request', listUsers);
                errorText(result, 'GET to a server with the wrong host name');
                assert.equal(result.structuredContent.transport_error, 'tls_verify');
                assert.deepEqual(server.hits, []);
            });
        } finally {
            await server.close();
        }
    });
});
