// End-to-end checks of the built server over Streamable HTTP that need their own process each:
// a SIGTERM or SIGINT that arrives while a tool call is waiting on Clerk still lets that call
// answer, and the process exits 0; and the inbound bearer token, checked at the HTTP door,
// never travels on to Clerk, which sees only the Clerk secret, as Authorization: Bearer.
// Clerk is a stub on 127.0.0.1 that keeps every header it receives. Run with
// `node --test tests/e2e/http_stop_test.mjs`.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
    Client,
    StreamableHTTPClientTransport,
    startHttpServer,
} from '../test-tools/harness.mjs';

const stateless = '2026-07-28';
const metaVersion = 'io.modelcontextprotocol/protocolVersion';
// scripts/test passes a fresh sentinel and scans every log for it afterwards.
const secret =
    process.env.CLERK_MCP_TEST_SECRET_KEY ?? `sk_test_SENTINEL_${randomBytes(12).toString('hex')}`;
// How long the stub holds its answer: long enough for a signal to land mid-call.
const clerkDelayMs = 500;


// A Clerk stand-in: answers GET /v1/users with [] after `delayMs`, and keeps the method, URL,
// raw headers and body of every request. `firstRequest` resolves when one has arrived.
async function startClerkStub({ delayMs = 0 } = {}) {
    const received = [];
    let arrived;
    const firstRequest = new Promise((resolve) => (arrived = resolve));
    const server = http.createServer((request, response) => {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
            received.push({
                method: request.method,
                url: request.url,
                rawHeaders: request.rawHeaders,
                body,
            });
            arrived();
            const known = request.method === 'GET' && /^\/v1\/users(\?|$)/.test(request.url);
            setTimeout(() => {
                response.writeHead(known ? 200 : 404, { 'Content-Type': 'application/json' });
                response.end(known ? '[]' : '{"errors":[{"code":"resource_not_found"}]}');
            }, delayMs);
        });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
        url: `http://127.0.0.1:${server.address().port}`,
        received,
        firstRequest,
        close: () => new Promise((resolve) => server.close(resolve)),
    };
}

// A stateless (2026-07-28) tools/call on a fresh connection. Resolves with the status and the
// parsed body.
function statelessToolCall(url, name, args, extraHeaders = {}) {
    const target = new URL(url);
    const body = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name, arguments: args, _meta: { [metaVersion]: stateless } },
    });
    const headers = {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        'MCP-Protocol-Version': stateless,
        'Mcp-Method': 'tools/call',
        'Mcp-Name': name,
        ...extraHeaders,
    };
    return new Promise((resolve, reject) => {
        const request = http.request(
            {
                host: target.hostname,
                port: target.port,
                path: target.pathname,
                method: 'POST',
                headers,
                agent: false,
            },
            (response) => {
                let text = '';
                response.setEncoding('utf8');
                response.on('data', (chunk) => (text += chunk));
                response.on('end', () => {
                    let json;
                    try {
                        json = JSON.parse(text);
                    } catch {
                        json = undefined;
                    }
                    resolve({ status: response.statusCode, text, json });
                });
            },
        );
        request.on('error', reject);
        request.setTimeout(20000, () => request.destroy(new Error('tools/call timed out')));
        request.end(body);
    });
}

const listUsers = { method: 'GET', path: '/users' };

describe('a stop signal while a tool call waits on Clerk', () => {
    for (const signal of ['SIGTERM', 'SIGINT']) {
        test(`${signal}: the call still gets its 200 answer and the process exits 0`, async () => {
            const clerk = await startClerkStub({ delayMs: clerkDelayMs });
            const server = await startHttpServer({
                env: { CLERK_SECRET_KEY: secret, CLERK_API_URL: clerk.url },
            });
            try {
                const call = statelessToolCall(server.url, 'execute_request', listUsers);
                // The call is in flight once Clerk has its request; the answer is still
                // `clerkDelayMs` away.
                await clerk.firstRequest;
                assert.ok(server.signal(signal), `could not send ${signal}`);

                const answer = await call;
                assert.equal(answer.status, 200, answer.text);
                assert.equal(answer.json?.id, 1, answer.text);
                assert.notEqual(answer.json.result?.isError, true, answer.text);
                assert.deepEqual(answer.json.result.structuredContent?.data, [], answer.text);

                // Waits for the exit the one signal caused: a second signal could land after the
                // server has let go of its handlers and would then decide the exit status.
                const status = await Promise.race([
                    server.exited,
                    new Promise((resolve) => setTimeout(() => resolve('still running'), 15000)),
                ]);
                assert.deepEqual(status, { code: 0, signal: null }, server.stderr().slice(-2000));
                assert.match(server.stderr(), /http transport stopped/);
                assert.equal(clerk.received.length, 1);
            } finally {
                await server.stop();
                await clerk.close();
            }
        });
    }
});

describe('the inbound bearer token stays at the HTTP door', () => {
    const token = `inbound_${randomBytes(24).toString('hex')}`;
    let clerk;
    let server;

    before(async () => {
        const folder = mkdtempSync(join(tmpdir(), 'clerk-mcp-token-'));
        const file = join(folder, 'token');
        writeFileSync(file, `${token}\n`, { mode: 0o600 });
        clerk = await startClerkStub();
        server = await startHttpServer({
            args: ['--http-token-file', file],
            env: { CLERK_SECRET_KEY: secret, CLERK_API_URL: clerk.url },
        });
    });

    after(async () => {
        await server?.stop();
        await clerk?.close();
    });

    test('Clerk sees the secret as Authorization: Bearer and never the inbound token',
        async () => {
            // Both eras: a stateless request, then a 2025-11-25 session through the SDK client.
            const answer = await statelessToolCall(server.url, 'execute_request', listUsers, {
                Authorization: `Bearer ${token}`,
            });
            assert.equal(answer.status, 200, answer.text);
            assert.notEqual(answer.json.result?.isError, true, answer.text);

            const transport = new StreamableHTTPClientTransport(new URL(server.url), {
                requestInit: { headers: { Authorization: `Bearer ${token}` } },
            });
            const client = new Client({ name: 'clerk-mcp-token-e2e', version: '0.0.0' });
            await client.connect(transport);
            try {
                const result = await client.callTool({
                    name: 'execute_request',
                    arguments: listUsers,
                });
                assert.notEqual(result.isError, true, JSON.stringify(result));
            } finally {
                await client.close();
            }

            assert.equal(clerk.received.length, 2);
            for (const request of clerk.received) {
                assert.ok(!request.url.includes(token), 'the inbound token is in the URL');
                assert.ok(!request.body.includes(token), 'the inbound token is in the body');
                const authorization = [];
                for (let i = 0; i < request.rawHeaders.length; i += 2) {
                    const [name, value] = [request.rawHeaders[i], request.rawHeaders[i + 1]];
                    assert.ok(!value.includes(token), `the inbound token is in ${name}`);
                    if (name.toLowerCase() === 'authorization') {
                        authorization.push(value);
                    } else {
                        assert.ok(!value.includes(secret), `the Clerk secret is in ${name}`);
                    }
                }
                assert.equal(authorization.length, 1, 'not exactly one Authorization header');
                assert.ok(authorization[0] === `Bearer ${secret}`,
                    'Authorization is not the Clerk secret as a bearer token');
            }
            assert.ok(!server.stderr().includes(token), 'the log holds the inbound token');
            assert.ok(!server.stderr().includes(secret), 'the log holds the Clerk secret');
        });
});
