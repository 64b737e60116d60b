// A bounded load test of `clerk-mcp --http` on loopback: 32 concurrent clients, each on its own
// keep-alive connection, send a fixed number of requests that mix both protocol eras
// (tools/list and tools/call list_tags, in 2025-11-25 sessions and as 2026-07-28 stateless
// requests). It asserts that no request failed and that the server's memory comes back to its
// level after a warm-up round. It checks no timing. Run with
// `node --test tests/e2e/http_load_test.mjs`.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';

import { startHttpServer } from '../test-tools/harness.mjs';

const clients = 32;
// Requests per client. The warm-up brings every buffer, allocator arena and thread to its
// working size; the load round is ten times longer, so that a leak per request would show.
const warmupRequests = 40;
const loadRequests = 400;
// Growth of the resident size allowed from after the warm-up to after the load, both measured
// idle. glibc keeps freed blocks in per-thread arenas (the I/O thread and four tool-call workers
// here) instead of returning them, and which arena serves a request depends on scheduling, so
// the resident size may move a little with no leak (0.1-0.2 MiB in repeated runs on the 2-core
// build machine, from 16.8 to 16.9 MiB). 4 MiB leaves room for that while catching a leak of
// about 330 bytes per request over the 12,800 requests of the load round. (A sanitizer build,
// given through CLERK_MCP_BINARY, holds freed memory in quarantine and will not pass this.)
const rssToleranceBytes = 4 * 1024 * 1024;
// No single request may hang the test; the whole file must end within about 30 s.
const requestTimeoutMs = 20000;

const statelessRevision = '2026-07-28';
const sessionRevision = '2025-11-25';
const metaVersion = 'io.modelcontextprotocol/protocolVersion';

function rssBytes(pid) {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)[1]) * 1024;
}

const mib = (bytes) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));


// POSTs `body` on the client's own keep-alive connection; resolves with status, headers and text.
function post(url, agent, headers, body) {
    const target = new URL(url);
    return new Promise((resolve, reject) => {
        const request = http.request(
            {
                host: target.hostname,
                port: target.port,
                path: target.pathname,
                method: 'POST',
                headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
                agent,
            },
            (response) => {
                let text = '';
                response.setEncoding('utf8');
                response.on('data', (chunk) => (text += chunk));
                response.on('end', () =>
                    resolve({ status: response.statusCode, headers: response.headers, text }),
                );
                response.on('error', reject);
            },
        );
        request.on('error', reject);
        request.setTimeout(requestTimeoutMs, () => request.destroy(new Error('timed out')));
        request.end(body);
    });
}

const baseHeaders = {
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
};

// The four kinds of request each client cycles through, with the check of each answer.
function checkList(result) {
    assert.equal(result.tools?.length, 4, 'tools/list did not list four tools');
}
function checkTags(result) {
    assert.equal(result.isError, false, 'list_tags failed');
    assert.equal(result.structuredContent?.tags?.length, 42, 'list_tags did not list 42 tags');
}
const kinds = [
    { name: 'session tools/list', stateless: false, method: 'tools/list', check: checkList },
    { name: 'session list_tags', stateless: false, method: 'tools/call', check: checkTags },
    { name: 'stateless tools/list', stateless: true, method: 'tools/list', check: checkList },
    { name: 'stateless list_tags', stateless: true, method: 'tools/call', check: checkTags },
];

function requestOf(kind, id, sessionId) {
    const params = kind.method === 'tools/call' ? { name: 'list_tags', arguments: {} } : {};
    const headers = { ...baseHeaders };
    if (kind.stateless) {
        params._meta = { [metaVersion]: statelessRevision };
        headers['MCP-Protocol-Version'] = statelessRevision;
        headers['Mcp-Method'] = kind.method;
        if (kind.method === 'tools/call') {
            headers['Mcp-Name'] = 'list_tags';
        }
    } else {
        headers['MCP-Protocol-Version'] = sessionRevision;
        headers['Mcp-Session-Id'] = sessionId;
    }
    return { headers, body: JSON.stringify({ jsonrpc: '2.0', id, method: kind.method, params }) };
}

// A 2025-11-25 session for one client: initialize, then notifications/initialized.
async function openSession(url, agent) {
    const init = await post(
        url,
        agent,
        baseHeaders,
        JSON.stringify({
            jsonrpc: '2.0',
            id: 0,
            method: 'initialize',
            params: {
                protocolVersion: sessionRevision,
                capabilities: {},
                clientInfo: { name: 'clerk-mcp-load', version: '0.0.0' },
            },
        }),
    );
    assert.equal(init.status, 200, init.text);
    const sessionId = init.headers['mcp-session-id'];
    assert.ok(sessionId, 'initialize issued no Mcp-Session-Id');
    const headers = { ...baseHeaders, 'MCP-Protocol-Version': sessionRevision };
    const initialized = await post(
        url,
        agent,
        { ...headers, 'Mcp-Session-Id': sessionId },
        JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
    );
    assert.equal(initialized.status, 202, initialized.text);
    return sessionId;
}

// Runs `perClient` requests on each client at once. Returns the count of good answers and a
// description of each failure.
async function round(url, peers, perClient) {
    let good = 0;
    const failures = [];
    await Promise.all(
        peers.map(async (peer, c) => {
            for (let i = 0; i < perClient; i++) {
                const kind = kinds[(c + i) % kinds.length];
                const id = c * 100000 + i + 1;
                const { headers, body } = requestOf(kind, id, peer.sessionId);
                try {
                    const answer = await post(url, peer.agent, headers, body);
                    assert.equal(answer.status, 200, `HTTP ${answer.status}: ${answer.text}`);
                    const message = JSON.parse(answer.text);
                    assert.equal(message.id, id, 'answer to another request');
                    assert.ok(message.result, `no result: ${answer.text.slice(0, 300)}`);
                    kind.check(message.result);
                    good += 1;
                } catch (error) {
                    failures.push(`client ${c} ${kind.name} #${i}: ${error.message}`.slice(0, 400));
                }
            }
        }),
    );
    return { good, failures };
}

describe('HTTP server under bounded concurrent load', () => {
    let server;
    let peers = [];

    before(async () => {
        server = await startHttpServer();
        peers = Array.from({ length: clients }, () => ({
            agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
            sessionId: null,
        }));
        for (const peer of peers) {
            peer.sessionId = await openSession(server.url, peer.agent);
        }
    });

    after(async () => {
        for (const peer of peers) {
            peer.agent.destroy();
        }
        await server?.stop();
    });

    test('32 clients x 400 requests of both eras: none fails, memory returns to its level',
        { timeout: 60000 }, async () => {
            const idle = rssBytes(server.pid);
            const warm = await round(server.url, peers, warmupRequests);
            assert.deepEqual(warm.failures.slice(0, 5), [], `${warm.failures.length} failed`);
            await sleep(500);
            const warmRss = rssBytes(server.pid);

            const load = await round(server.url, peers, loadRequests);
            assert.deepEqual(load.failures.slice(0, 5), [], `${load.failures.length} failed`);
            assert.equal(load.good, clients * loadRequests);

            // Idle again: the connections closed and the server's timers had a moment to run.
            for (const peer of peers) {
                peer.agent.destroy();
            }
            await sleep(500);
            const afterRss = rssBytes(server.pid);
            const peak = Number(
                /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1],
            ) * 1024;
            console.log(
                `rss: at start ${mib(idle)}, after warm-up ${mib(warmRss)}, after ` +
                    `${load.good} requests ${mib(afterRss)}, peak ${mib(peak)}`,
            );
            assert.ok(server.alive(), `the server exited; stderr: ${server.stderr()}`);
            assert.ok(
                afterRss <= warmRss + rssToleranceBytes,
                `RSS grew from ${mib(warmRss)} to ${mib(afterRss)} (tolerance ` +
                    `${mib(rssToleranceBytes)})`,
            );
        });

    test('the server stops cleanly after the load', async () => {
        const status = await server.stop();
        assert.deepEqual(status, { code: 0, signal: null }, server.stderr());
    });
});
