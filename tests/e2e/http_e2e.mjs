// End-to-end test of the built server over Streamable HTTP (`clerk-mcp --http --port 0`): the
// official MCP TypeScript SDK client drives every tool in a 2025-11-25 session, and raw HTTP
// requests check the 2026-07-28 rules (server/discover, per-request `_meta`, the mirrored
// MCP-Protocol-Version / Mcp-Method / Mcp-Name headers, the input_required round trip) against
// the same running process. A second process checks the inbound bearer token. Clerk is a local
// stub on 127.0.0.1 that records what reaches it. Run with `node --test tests/e2e/http_e2e.mjs`.

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
// The SDK's request schema for elicitation; the same module instance the SDK client uses.
import { ElicitRequestSchema } from
    '../test-tools/node_modules/@modelcontextprotocol/sdk/dist/esm/types.js';

const latest = '2026-05-12';
const stateless = '2026-07-28';
const toolNames = ['describe_endpoint', 'execute_request', 'list_endpoints', 'list_tags'];
const metaVersion = 'io.modelcontextprotocol/protocolVersion';
const metaCapabilities = 'io.modelcontextprotocol/clientCapabilities';
// scripts/test passes a fresh sentinel and scans every log for it afterwards.
const secret =
    process.env.CLERK_MCP_TEST_SECRET_KEY ?? `sk_test_SENTINEL_${randomBytes(12).toString('hex')}`;

// Everything a server sent back in this file, searched for the secret at the end.
const seen = [];

function resultText(result) {
    return (result.content ?? [])
        .filter((part) => part.type === 'text')
        .map((part) => part.text)
        .join('\n');
}

// Asserts a successful tool result and returns its structured content.
function structured(result, what) {
    seen.push(JSON.stringify(result));
    assert.notEqual(result.isError, true, `${what} failed: ${resultText(result)}`);
    assert.ok(result.structuredContent, `${what} has no structuredContent`);
    return result.structuredContent;
}


// One HTTP request on a fresh connection, with exactly the headers given. Resolves with the
// status, the headers and the body (parsed when it is JSON).
function rawRequest(url, { method = 'POST', headers = {}, body } = {}) {
    const target = new URL(url);
    const defined = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined));
    return new Promise((resolve, reject) => {
        const request = http.request(
            {
                host: target.hostname,
                port: target.port,
                path: target.pathname,
                method,
                headers: defined,
                agent: false,
            },
            (response) => {
                let text = '';
                response.setEncoding('utf8');
                response.on('data', (chunk) => (text += chunk));
                response.on('end', () => {
                    seen.push(text);
                    let json;
                    try {
                        json = text ? JSON.parse(text) : undefined;
                    } catch {
                        json = undefined;
                    }
                    resolve({ status: response.statusCode, headers: response.headers, text, json });
                });
            },
        );
        request.on('error', reject);
        request.setTimeout(30000, () => request.destroy(new Error(`${method} ${url} timed out`)));
        if (body !== undefined) {
            request.write(typeof body === 'string' ? body : JSON.stringify(body));
        }
        request.end();
    });
}

// A 2026-07-28 request: the revision (and capabilities) in `_meta`, mirrored in the headers.
// `headers` entries override the mirrored ones; an undefined value leaves a header out.
function statelessRequest(url, id, method, params = {}, options = {}) {
    const { capabilities, version = stateless, headers = {} } = options;
    const meta = { [metaVersion]: version };
    if (capabilities) {
        meta[metaCapabilities] = capabilities;
    }
    const message = { jsonrpc: '2.0', id, method, params: { ...params, _meta: meta } };
    const mirrored = {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        'MCP-Protocol-Version': version,
        'Mcp-Method': method,
    };
    if (method === 'tools/call') {
        mirrored['Mcp-Name'] = params.name;
    }
    return rawRequest(url, { headers: { ...mirrored, ...headers }, body: message });
}

// A Clerk stand-in on 127.0.0.1: answers DELETE /v1/users/{id} and GET /v1/users, and keeps
// what reached it. The Authorization header is only compared, never stored.
async function startClerkStub() {
    const received = [];
    const server = http.createServer((request, response) => {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
            received.push({
                method: request.method,
                url: request.url,
                authorized: request.headers.authorization === `Bearer ${secret}`,
            });
            const user = /^\/v1\/users\/([^/?]+)$/.exec(request.url);
            let status = 200;
            let answer;
            if (request.method === 'DELETE' && user) {
                answer = { object: 'user', id: decodeURIComponent(user[1]), deleted: true };
            } else if (request.method === 'GET' && request.url.startsWith('/v1/users?')) {
                answer = [];
            } else {
                status = 404;
                answer = { errors: [{ message: 'not found', code: 'resource_not_found' }] };
            }
            response.writeHead(status, { 'Content-Type': 'application/json' });
            response.end(JSON.stringify(answer));
        });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
        url: `http://127.0.0.1:${server.address().port}`,
        received,
        close: () => new Promise((resolve) => server.close(resolve)),
    };
}

async function connectSdk(url, { capabilities, headers } = {}) {
    const transport = new StreamableHTTPClientTransport(
        new URL(url),
        headers ? { requestInit: { headers } } : undefined,
    );
    const client = new Client(
        { name: 'clerk-mcp-http-e2e', version: '0.0.0' },
        capabilities ? { capabilities } : undefined,
    );
    const transportErrors = [];
    client.onerror = (error) => transportErrors.push(error);
    await client.connect(transport);
    return { client, transport, transportErrors };
}

const deleteArgs = (userId) => ({
    method: 'DELETE',
    path: '/users/{user_id}',
    path_params: { user_id: userId },
});

describe('HTTP server, both protocol eras on one process', () => {
    let clerk;
    let server;
    let sdk;

    before(async () => {
        clerk = await startClerkStub();
        server = await startHttpServer({
            env: {
                CLERK_SECRET_KEY: secret,
                CLERK_BAPI_SCOPES: 'write,delete',
                CLERK_API_URL: clerk.url,
            },
        });
        sdk = await connectSdk(server.url);
    });

    after(async () => {
        await sdk?.client.close();
        await server?.stop();
        await clerk?.close();
    });

    describe('2025-11-25 session, driven by the SDK client', () => {
        test('initialize negotiates 2025-11-25 and returns the workflow instructions', () => {
            assert.equal(sdk.transport.protocolVersion, '2025-11-25');
            assert.ok(sdk.transport.sessionId, 'no Mcp-Session-Id was issued');
            assert.match(sdk.transport.sessionId, /^[\x21-\x7e]{16,}$/);
            const instructions = sdk.client.getInstructions() ?? '';
            for (const tool of toolNames) {
                assert.match(instructions, new RegExp(tool), `instructions do not mention ${tool}`);
            }
            assert.equal(sdk.client.getServerVersion()?.name, 'clerk-mcp');
        });

        test('tools/list offers the four tools', async () => {
            const { tools } = await sdk.client.listTools();
            assert.deepEqual(tools.map((tool) => tool.name).sort(), toolNames);
            for (const tool of tools) {
                assert.equal(tool.inputSchema?.type, 'object', `${tool.name} inputSchema`);
            }
        });

        test('list_tags lists 42 tags', async () => {
            const tags = structured(
                await sdk.client.callTool({ name: 'list_tags', arguments: {} }),
                'list_tags',
            );
            assert.equal(tags.version, latest);
            assert.equal(tags.tags.length, 42);
        });

        test('list_endpoints by tag Users lists 35 operations', async () => {
            const users = structured(
                await sdk.client.callTool({ name: 'list_endpoints', arguments: { tag: 'Users' } }),
                'list_endpoints Users',
            );
            assert.equal(users.endpoints.length, 35);
            assert.ok(users.endpoints.some((e) => e.method === 'GET' && e.path === '/users'));
        });

        test('describe_endpoint GET /users lists its 26 query parameters', async () => {
            const op = structured(
                await sdk.client.callTool({
                    name: 'describe_endpoint',
                    arguments: { method: 'GET', path: '/users' },
                }),
                'describe GET /users',
            );
            assert.equal(op.operation_id, 'GetUserList');
            assert.equal(op.parameters.filter((p) => p.in === 'query').length, 26);
        });

        test('execute_request GET runs at once against Clerk', async () => {
            const before = clerk.received.length;
            const result = structured(
                await sdk.client.callTool({
                    name: 'execute_request',
                    arguments: { method: 'GET', path: '/users', query: { limit: 2 } },
                }),
                'execute GET /users',
            );
            assert.equal(result.status, 200);
            const sent = clerk.received.slice(before);
            assert.equal(sent.length, 1, JSON.stringify(sent));
            assert.equal(sent[0].method, 'GET');
            assert.match(sent[0].url, /^\/v1\/users\?(.*&)?limit=2/);
            assert.equal(sent[0].authorized, true, 'Clerk did not get the secret as bearer');
        });

        test('a DELETE is previewed with a confirm_token, runs once with it, refused on replay',
            async () => {
                const before = clerk.received.length;
                const args = deleteArgs('user_e2e_token');
                const preview = await sdk.client.callTool({
                    name: 'execute_request',
                    arguments: args,
                });
                seen.push(JSON.stringify(preview));
                assert.notEqual(preview.isError, true, resultText(preview));
                const body = preview.structuredContent;
                assert.equal(body.status, 'confirmation_required');
                assert.equal(body.request.method, 'DELETE');
                assert.equal(body.request.path, '/v1/users/user_e2e_token');
                assert.equal(typeof body.confirm_token, 'string');
                assert.match(resultText(preview), /NOT EXECUTED/);
                assert.equal(clerk.received.length, before, 'the preview reached Clerk');

                const confirmed = structured(
                    await sdk.client.callTool({
                        name: 'execute_request',
                        arguments: { ...args, confirm_token: body.confirm_token },
                    }),
                    'confirmed DELETE',
                );
                assert.equal(confirmed.status, 200);
                assert.equal(clerk.received.length, before + 1);
                assert.equal(clerk.received.at(-1).method, 'DELETE');
                assert.equal(clerk.received.at(-1).url, '/v1/users/user_e2e_token');

                const replay = await sdk.client.callTool({
                    name: 'execute_request',
                    arguments: { ...args, confirm_token: body.confirm_token },
                });
                seen.push(JSON.stringify(replay));
                assert.equal(replay.isError, true);
                assert.ok(replay.structuredContent?.refused_token, JSON.stringify(replay));
                assert.equal(clerk.received.length, before + 1, 'the replayed token reached Clerk');
            });

        test('a client that declared elicitation is asked over the SSE answer stream', async () => {
            const asked = [];
            const answers = [
                { action: 'decline' },
                { action: 'accept', content: { confirm: true } },
            ];
            const elicit = await connectSdk(server.url, { capabilities: { elicitation: {} } });
            elicit.client.setRequestHandler(ElicitRequestSchema, (request) => {
                asked.push(request.params);
                return answers.shift();
            });
            try {
                const before = clerk.received.length;
                const args = { name: 'execute_request', arguments: deleteArgs('user_e2e_elicit') };
                const declined = await elicit.client.callTool(args);
                seen.push(JSON.stringify(declined));
                assert.equal(declined.isError, true);
                assert.equal(declined.structuredContent?.status, 'declined');
                assert.equal(clerk.received.length, before, 'a declined DELETE reached Clerk');

                const accepted = structured(await elicit.client.callTool(args), 'accepted');
                assert.equal(accepted.status, 200);
                assert.equal(clerk.received.length, before + 1);
                assert.equal(asked.length, 2);
                assert.match(asked[0].message, /DELETE/);
                assert.deepEqual(asked[0].requestedSchema.required, ['confirm']);
            } finally {
                await elicit.client.close();
            }
        });

        test('requests without a session or after DELETE are refused', async () => {
            const headers = {
                'Content-Type': 'application/json',
                Accept: 'application/json, text/event-stream',
                'MCP-Protocol-Version': '2025-11-25',
            };
            const body = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
            const missing = await rawRequest(server.url, { headers, body });
            assert.equal(missing.status, 400, missing.text);

            const ended = await connectSdk(server.url);
            const sessionId = ended.transport.sessionId;
            await ended.transport.terminateSession();
            await ended.client.close();
            const gone = await rawRequest(server.url, {
                headers: { ...headers, 'Mcp-Session-Id': sessionId },
                body,
            });
            assert.equal(gone.status, 404, gone.text);
        });

        test('a foreign Host or Origin is refused with 403', async () => {
            const port = new URL(server.url).port;
            const headers = {
                'Content-Type': 'application/json',
                Accept: 'application/json, text/event-stream',
            };
            const body = { jsonrpc: '2.0', id: 1, method: 'ping' };
            const origin = await rawRequest(server.url, {
                headers: { ...headers, Origin: 'http://rebind.example' },
                body,
            });
            assert.equal(origin.status, 403, origin.text);
            const host = await rawRequest(server.url, {
                headers: { ...headers, Host: `rebind.example:${port}` },
                body,
            });
            assert.equal(host.status, 403, host.text);
        });

        test('the SDK client saw no transport error', () => {
            assert.deepEqual(sdk.transportErrors.map(String), []);
        });
    });

    describe('2026-07-28 stateless requests on the same process', () => {
        test('server/discover lists both eras with caching hints', async () => {
            const answer = await statelessRequest(server.url, 1, 'server/discover');
            assert.equal(answer.status, 200, answer.text);
            assert.match(answer.headers['content-type'], /^application\/json/);
            const result = answer.json.result;
            assert.equal(result.resultType, 'complete');
            assert.ok(result.supportedVersions.includes(stateless), answer.text);
            assert.ok(result.supportedVersions.includes('2025-11-25'), answer.text);
            assert.ok(result.capabilities?.tools, answer.text);
            assert.match(result.instructions, /list_tags/);
            assert.equal(typeof result.ttlMs, 'number');
            assert.equal(typeof result.cacheScope, 'string');
            assert.equal(answer.headers['mcp-session-id'], undefined, 'a stateless session id');
        });

        test('tools/list carries resultType, ttlMs, cacheScope, in the same order each time',
            async () => {
                const first = await statelessRequest(server.url, 2, 'tools/list');
                const second = await statelessRequest(server.url, 3, 'tools/list');
                assert.equal(first.status, 200, first.text);
                const result = first.json.result;
                assert.equal(result.resultType, 'complete');
                assert.equal(typeof result.ttlMs, 'number');
                assert.equal(typeof result.cacheScope, 'string');
                assert.deepEqual(result.tools.map((t) => t.name).sort(), toolNames);
                assert.deepEqual(
                    second.json.result.tools.map((t) => t.name),
                    result.tools.map((t) => t.name),
                );
            });

        test('tools/call with the version in _meta and Mcp-Name answers list_tags', async () => {
            const answer = await statelessRequest(server.url, 4, 'tools/call', {
                name: 'list_tags',
                arguments: {},
            });
            assert.equal(answer.status, 200, answer.text);
            const result = answer.json.result;
            assert.equal(result.resultType, 'complete');
            assert.equal(result.isError, false);
            assert.equal(result.structuredContent.tags.length, 42);
        });

        test('an Mcp-Name in the base64 form is accepted', async () => {
            const encoded = `=?base64?${Buffer.from('list_tags').toString('base64')}?=`;
            const answer = await statelessRequest(
                server.url,
                5,
                'tools/call',
                { name: 'list_tags', arguments: {} },
                { headers: { 'Mcp-Name': encoded } },
            );
            assert.equal(answer.status, 200, answer.text);
            assert.equal(answer.json.result.structuredContent.tags.length, 42);
        });

        const mismatches = [
            ['MCP-Protocol-Version differs from _meta', 'tools/list', {
                version: '2025-11-25',
                headers: { 'MCP-Protocol-Version': stateless },
            }],
            ['Mcp-Method differs from the body', 'tools/list', {
                headers: { 'Mcp-Method': 'tools/call' },
            }],
            ['Mcp-Method is missing', 'tools/list', { headers: { 'Mcp-Method': undefined } }],
            ['Mcp-Name differs from the tool name', 'tools/call', {
                headers: { 'Mcp-Name': 'list_endpoints' },
            }],
            ['Mcp-Name is missing on tools/call', 'tools/call', {
                headers: { 'Mcp-Name': undefined },
            }],
        ];
        for (const [label, method, options] of mismatches) {
            test(`header mismatch is 400 with -32020: ${label}`, async () => {
                const params = method === 'tools/call' ? { name: 'list_tags', arguments: {} } : {};
                const answer = await statelessRequest(server.url, 6, method, params, options);
                assert.equal(answer.status, 400, answer.text);
                assert.equal(answer.json?.error?.code, -32020, answer.text);
                assert.equal(answer.json.id, 6);
            });
        }

        test('an unsupported version in _meta is -32022 with the supported list', async () => {
            const answer = await statelessRequest(server.url, 7, 'tools/list', {}, {
                version: '2099-01-01',
            });
            assert.equal(answer.status, 400, answer.text);
            assert.equal(answer.json?.error?.code, -32022, answer.text);
            assert.ok(answer.json.error.data?.supported?.includes(stateless), answer.text);
        });

        test('an unsupported MCP-Protocol-Version header is -32022', async () => {
            const answer = await rawRequest(server.url, {
                headers: {
                    'Content-Type': 'application/json',
                    Accept: 'application/json, text/event-stream',
                    'MCP-Protocol-Version': '1999-01-01',
                },
                body: { jsonrpc: '2.0', id: 8, method: 'tools/list' },
            });
            assert.equal(answer.status, 400, answer.text);
            assert.equal(answer.json?.error?.code, -32022, answer.text);
            assert.ok(answer.json.error.data?.supported?.includes('2025-11-25'), answer.text);
        });

        test('a write is an input_required round trip; tampered and replayed states are refused',
            async () => {
                const before = clerk.received.length;
                const args = deleteArgs('user_e2e_state');
                const call = (id, extra = {}) =>
                    statelessRequest(
                        server.url,
                        id,
                        'tools/call',
                        { name: 'execute_request', arguments: args, ...extra },
                        { capabilities: { elicitation: {} } },
                    );

                const first = await call(10);
                assert.equal(first.status, 200, first.text);
                const pending = first.json.result;
                assert.equal(pending.resultType, 'input_required', first.text);
                assert.equal(pending.inputRequests?.confirm?.method, 'elicitation/create');
                assert.match(pending.inputRequests.confirm.params.message, /DELETE/);
                const state = pending.requestState;
                assert.equal(typeof state, 'string');
                assert.equal(clerk.received.length, before, 'input_required reached Clerk');

                // Change one character well inside the state (not its last, whose low bits may
                // be base64 padding), keeping it in the same alphabet.
                let at = Math.floor(state.length / 2);
                while (!/[A-Za-z0-9]/.test(state[at])) {
                    at += 1;
                }
                const tampered = state.slice(0, at) + (state[at] === 'A' ? 'B' : 'A') +
                    state.slice(at + 1);
                const accept = { confirm: { action: 'accept', content: { confirm: true } } };
                const forged = await call(11, { requestState: tampered, inputResponses: accept });
                assert.equal(forged.status, 200, forged.text);
                assert.equal(forged.json.result.resultType, 'complete');
                assert.equal(forged.json.result.isError, true);
                assert.equal(forged.json.result.structuredContent?.status, 'confirmation_required');
                assert.ok(forged.json.result.structuredContent.refused_token, forged.text);
                assert.equal(clerk.received.length, before, 'a tampered state reached Clerk');

                const done = await call(12, { requestState: state, inputResponses: accept });
                assert.equal(done.status, 200, done.text);
                assert.equal(done.json.result.resultType, 'complete');
                assert.equal(done.json.result.isError, false, done.text);
                assert.equal(done.json.result.structuredContent?.status, 200);
                assert.equal(clerk.received.length, before + 1);
                assert.equal(clerk.received.at(-1).url, '/v1/users/user_e2e_state');

                const replayed = await call(13, { requestState: state, inputResponses: accept });
                assert.equal(replayed.status, 200, replayed.text);
                assert.equal(replayed.json.result.isError, true, replayed.text);
                assert.ok(replayed.json.result.structuredContent?.refused_token, replayed.text);
                assert.equal(clerk.received.length, before + 1, 'a replayed state reached Clerk');
            });

        test('the session era still works after the stateless requests', async () => {
            const tags = structured(
                await sdk.client.callTool({ name: 'list_tags', arguments: {} }),
                'list_tags after stateless',
            );
            assert.equal(tags.tags.length, 42);
        });
    });

    describe('what the process wrote', () => {
        test('nothing on stdout, and the secret in no answer and no log line', () => {
            assert.equal(server.stdout(), '');
            assert.ok(seen.length > 20, `only ${seen.length} answers recorded`);
            for (const text of seen) {
                assert.ok(!text.includes(secret), 'an answer holds the Clerk secret');
            }
            assert.ok(!server.stderr().includes(secret), 'the log holds the Clerk secret');
        });

        test('SIGTERM stops the server cleanly', async () => {
            await sdk.client.close();
            sdk = null;
            const status = await server.stop();
            assert.deepEqual(status, { code: 0, signal: null }, server.stderr().slice(-2000));
            assert.match(server.stderr(), /http transport stopped/);
        });
    });
});

describe('HTTP server with an inbound bearer token', () => {
    const token = randomBytes(24).toString('hex');
    let server;

    before(async () => {
        const folder = mkdtempSync(join(tmpdir(), 'clerk-mcp-token-'));
        const file = join(folder, 'token');
        writeFileSync(file, `${token}\n`, { mode: 0o600 });
        // No Clerk secret here: the discovery tools work, execute_request says what is missing.
        server = await startHttpServer({
            args: ['--http-token-file', file],
            env: { CLERK_BAPI_SCOPES: 'write,delete' },
        });
    });

    after(async () => {
        await server?.stop();
    });

    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };

    test('the log says a token is required, and never shows it', () => {
        assert.match(server.stderr(), /token=required/);
        assert.ok(!server.stderr().includes(token));
    });

    test('no token is 401 with a Bearer challenge', async () => {
        const answer = await rawRequest(server.url, { headers, body: ping });
        assert.equal(answer.status, 401, answer.text);
        assert.match(answer.headers['www-authenticate'] ?? '', /^Bearer /);
        assert.doesNotMatch(answer.headers['www-authenticate'], /invalid_token/);
    });

    test('a wrong token is 401 with error="invalid_token"', async () => {
        const wrong = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
        for (const authorization of [`Bearer ${wrong}`, `Basic ${token}`, 'Bearer']) {
            const answer = await rawRequest(server.url, {
                headers: { ...headers, Authorization: authorization },
                body: ping,
            });
            assert.equal(answer.status, 401, `${authorization.split(' ')[0]}: ${answer.text}`);
            assert.match(answer.headers['www-authenticate'] ?? '', /^Bearer .*invalid_token/);
        }
    });

    test('the SDK client without the token cannot connect', async () => {
        const transport = new StreamableHTTPClientTransport(new URL(server.url));
        const client = new Client({ name: 'clerk-mcp-http-e2e', version: '0.0.0' });
        await assert.rejects(client.connect(transport));
        await client.close();
    });

    test('with the token both eras work, and execute_request explains the missing key',
        async () => {
            const sdk = await connectSdk(server.url, {
                headers: { Authorization: `Bearer ${token}` },
            });
            try {
                const tags = structured(
                    await sdk.client.callTool({ name: 'list_tags', arguments: {} }),
                    'list_tags with token',
                );
                assert.equal(tags.tags.length, 42);

                const writeAndRead = [
                    deleteArgs('user_e2e_nokey'),
                    { method: 'GET', path: '/users' },
                ];
                for (const args of writeAndRead) {
                    const result = await sdk.client.callTool({
                        name: 'execute_request',
                        arguments: args,
                    });
                    assert.equal(result.isError, true, JSON.stringify(result));
                    assert.match(resultText(result), /CLERK_SECRET_KEY/);
                }
            } finally {
                await sdk.client.close();
            }

            const answer = await statelessRequest(server.url, 2, 'tools/list', {}, {
                headers: { Authorization: `Bearer ${token}` },
            });
            assert.equal(answer.status, 200, answer.text);
            assert.equal(answer.json.result.tools.length, 4);
        });
});
