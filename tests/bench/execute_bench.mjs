// The execute_request benchmark behind scripts/bench: what clerk-mcp adds to a Clerk call. For
// each local backend it spawns build/clerk-mcp over stdio with the official SDK client and times,
// in interleaved pairs, one `tools/call execute_request {GET /users, query {limit: 10}}` through
// clerk-mcp and the same GET /v1/users?limit=10 sent directly from here over a keep-alive
// connection. Interleaving puts any drift of the machine or the backend into both halves of a
// pair; the order within a pair alternates, so that neither half is always the one to meet a
// backend still busy with the request before it (with a fixed order, Prism's direct half came
// out the slower one). It prints median and p90 of each side and the overhead, against the 0.5 ms
// target. For information it also times the same call through a second clerk-mcp process driven
// by a bare line-by-line JSON-RPC client: the SDK client validates every result against the
// tool's outputSchema, and the gap between the two shows how much of the overhead is the
// client's own work rather than the server's.
// It is a benchmark, not a test: it fails only when a figure cannot be measured honestly (the
// server cannot start, a call through clerk-mcp is an error result, a direct request is not 200).
//
// Usage: node tests/bench/execute_bench.mjs --mock-url URL [--stub-url URL] [--pairs N]
//                                           [--warmup N]
//   --mock-url  base URL of the Prism Clerk mock, serving the spec under /v1 (127.0.0.1 only)
//   --stub-url  base URL of tests/bench/users_stub.mjs (127.0.0.1 only; omit to skip it)
//   --pairs     measured pairs per backend (default 300)
//   --warmup    unmeasured pairs first, per backend (default 20)

import { spawn } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

import {
    connectStdio,
    isolatedCwd,
    median,
    percentile,
    serverBinary,
} from '../test-tools/harness.mjs';

const { values: options } = parseArgs({
    options: {
        'mock-url': { type: 'string' },
        'stub-url': { type: 'string' },
        pairs: { type: 'string', default: '300' },
        warmup: { type: 'string', default: '20' },
    },
});

function fail(message) {
    console.error(`execute_bench: ${message}`);
    process.exit(2);
}

// Bounded, so a typo cannot start a run that never ends.
function count(name, value, min, max) {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
        fail(`--${name} must be a whole number from ${min} to ${max}`);
    }
    return n;
}

// Plain http carries the (fake) key, so only loopback is accepted, as clerk-mcp itself insists.
function loopbackUrl(name, value) {
    const url = new URL(value);
    if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1') {
        fail(`--${name} must be an http://127.0.0.1:PORT URL, not ${value}`);
    }
    return url.origin;
}

if (!options['mock-url']) {
    fail('usage: execute_bench.mjs --mock-url URL [--stub-url URL] [--pairs N] [--warmup N]');
}
const pairs = count('pairs', options.pairs, 1, 5000);
const warmup = count('warmup', options.warmup, 0, 1000);
const backends = [{ name: 'Prism mock', url: loopbackUrl('mock-url', options['mock-url']) }];
if (options['stub-url']) {
    backends.push({ name: 'fixed-answer stub', url: loopbackUrl('stub-url', options['stub-url']) });
}

// A production-shaped key that is not a real one: clerk-mcp budgets its own calls per key kind
// (sk_test_ 100 per 10 s, sk_live_ 1000 per 10 s) and queues any call past the budget, which
// would time the queue instead of the call. sk_live_ gives the larger budget; `paceCalls` below
// keeps each server process under half of it whatever --pairs says (each process has a budget
// of its own; the direct requests go to no budget at all).
const fakeKey = 'sk_live_clerkmcpbench0000000000000000notarealkey';
const callsPerWindow = 500;
const windowMs = 10_000;

const toolCall = {
    name: 'execute_request',
    arguments: { method: 'GET', path: '/users', query: { limit: 10 } },
};
const directPath = '/v1/users?limit=10';



// The binary may be relinked by a build while the bench runs: a spawn that fails is retried a
// few times before the bench gives up.
async function withRetries(what, start) {
    const attempts = 3;
    for (let attempt = 1; ; attempt++) {
        try {
            return await start();
        } catch (error) {
            if (attempt === attempts) {
                throw new Error(`cannot start ${what}: ${error.message}`);
            }
            await sleep(2000);
        }
    }
}

function serverEnv(baseUrl) {
    return { CLERK_SECRET_KEY: fakeKey, CLERK_API_URL: baseUrl };
}

function startSdkServer(baseUrl) {
    return withRetries(`${serverBinary} (SDK client)`, () => connectStdio({
        env: serverEnv(baseUrl),
        clientInfo: { name: 'clerk-mcp-execute-bench', version: '0.0.0' },
    }));
}

// clerk-mcp driven by hand over stdio: one JSON-RPC request per line, one answer per line,
// parsed and checked but not validated against a schema. Its environment is the one the SDK's
// stdio transport passes (these six variables) plus the server's own, as for the SDK arm.
async function startLineServer(baseUrl) {
    const inherited = ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'];
    const env = Object.fromEntries(
        inherited.filter((name) => process.env[name] !== undefined)
            .map((name) => [name, process.env[name]]));
    return withRetries(`${serverBinary} (line client)`, async () => {
        const child = spawn(serverBinary, [], {
            env: { ...env, ...serverEnv(baseUrl) },
            cwd: isolatedCwd(),
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        const stderr = [];
        child.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
        let pending = null;
        let buffered = '';
        const settle = (error, line) => {
            const { resolve, reject, timer } = pending ?? {};
            pending = null;
            clearTimeout(timer);
            error ? reject?.(error) : resolve?.(line);
        };
        child.on('error', (error) => settle(error));
        child.on('exit', (code) => settle(new Error(`exited (${code}): ${stderr.join('')}`)));
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (text) => {
            buffered += text;
            let end;
            while ((end = buffered.indexOf('\n')) >= 0) {
                const line = buffered.slice(0, end);
                buffered = buffered.slice(end + 1);
                settle(null, line);
            }
        });
        const send = (message) => child.stdin.write(`${JSON.stringify(message)}\n`);
        let nextId = 1;
        const request = (method, params) => new Promise((resolve, reject) => {
            const timer = setTimeout(() => settle(new Error(`${method} timed out`)), 30_000);
            pending = { resolve, reject, timer };
            send({ jsonrpc: '2.0', id: nextId++, method, params });
        }).then((line) => {
            const message = JSON.parse(line);
            if (message.error) {
                throw new Error(`${method}: ${JSON.stringify(message.error)}`);
            }
            return message.result;
        });

        try {
            await request('initialize', {
                protocolVersion: '2025-11-25',
                capabilities: {},
                clientInfo: { name: 'clerk-mcp-execute-bench-line', version: '0.0.0' },
            });
        } catch (error) {
            child.kill('SIGKILL');
            throw error;
        }
        send({ jsonrpc: '2.0', method: 'notifications/initialized' });
        return {
            callTool: (params) => request('tools/call', params),
            stderr: () => stderr.join(''),
            // End of input is the server's signal to stop; a server that does not is killed.
            close: async () => {
                child.stdin.end();
                if (child.exitCode !== null || child.signalCode !== null) {
                    return;
                }
                const exited = new Promise((resolve) => child.once('exit', () => resolve(true)));
                if (!(await Promise.race([exited, sleep(5000, false)]))) {
                    child.kill('SIGKILL');
                }
            },
        };
    });
}

// One call through clerk-mcp, checked: an error result answers fast and would flatter the figure.
async function callThroughServer(session) {
    const result = await (session.client ?? session).callTool(toolCall);
    const answer = result.structuredContent;
    if (result.isError || answer?.status !== 200 || !Array.isArray(answer?.data)) {
        const text = JSON.stringify(result).slice(0, 800);
        throw new Error(`execute_request did not return the users: ${text}\n${session.stderr()}`);
    }
    return result;
}

// One direct request over `agent`'s single keep-alive connection. The body is parsed, as a
// direct caller would, so both halves of a pair end with the users as a JavaScript value.
function directGet(baseUrl, agent) {
    return new Promise((resolve, reject) => {
        const request = http.get(`${baseUrl}${directPath}`, {
            agent,
            headers: { Authorization: `Bearer ${fakeKey}`, Accept: 'application/json' },
        }, (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => {
                const body = Buffer.concat(chunks);
                const users = response.statusCode === 200 ? JSON.parse(body) : null;
                if (!Array.isArray(users)) {
                    reject(new Error(`direct GET ${directPath} answered ${response.statusCode}: ` +
                        body.toString('utf8', 0, 400)));
                    return;
                }
                resolve(body.length);
            });
            response.on('error', reject);
        });
        request.setTimeout(30_000, () => request.destroy(new Error('direct GET timed out')));
        request.on('error', reject);
    });
}

// Waits, outside any timed span, until one more call keeps this server's last `windowMs` at or
// under `callsPerWindow` calls.
async function paceCalls(starts) {
    if (starts.length >= callsPerWindow) {
        const oldest = starts[starts.length - callsPerWindow];
        const wait = oldest + windowMs - performance.now();
        if (wait > 0) {
            await sleep(wait + 1);
        }
    }
    starts.push(performance.now());
}

// Times one awaited call, in milliseconds.
async function timed(call) {
    const started = performance.now();
    await call();
    return performance.now() - started;
}

function summary(values) {
    return { median: median(values), p90: percentile(values, 0.9) };
}

async function measure(backend) {
    const sdk = await startSdkServer(backend.url);
    let line = null;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
        line = await startLineServer(backend.url);
        const sdkStarts = [];
        const lineStarts = [];

        // Checks the setup and opens every keep-alive connection before anything is timed.
        await paceCalls(sdkStarts);
        const first = await callThroughServer(sdk);
        await paceCalls(lineStarts);
        await callThroughServer(line);
        const bodyBytes = await directGet(backend.url, agent);

        const through = [];
        const direct = [];
        const bare = [];
        for (let i = 0; i < warmup + pairs; i++) {
            await paceCalls(sdkStarts);
            await paceCalls(lineStarts);
            const throughCall = () => callThroughServer(sdk);
            const directCall = () => directGet(backend.url, agent);
            let throughMs;
            let directMs;
            if (i % 2 === 0) {
                throughMs = await timed(throughCall);
                directMs = await timed(directCall);
            } else {
                directMs = await timed(directCall);
                throughMs = await timed(throughCall);
            }
            const bareMs = await timed(() => callThroughServer(line));
            if (i >= warmup) {
                through.push(throughMs);
                direct.push(directMs);
                bare.push(bareMs);
            }
        }
        return {
            ...backend,
            bodyBytes,
            resultBytes: Buffer.byteLength(JSON.stringify(first)),
            calls: sdkStarts.length,
            through: summary(through),
            direct: summary(direct),
            bare: summary(bare),
            overheadOfMedians: median(through) - median(direct),
            medianOfDifferences: median(through.map((value, i) => value - direct[i])),
            bareOverhead: median(bare) - median(direct),
        };
    } finally {
        agent.destroy();
        await sdk.close();
        await line?.close();
    }
}

const targetMs = 0.5;
const ms = (value) => `${value.toFixed(3)} ms`;
const kb = (value) => `${(value / 1000).toFixed(1)} KB`;  // 1 KB = 1000 bytes

function row(label, ...cells) {
    console.log(`  ${label.padEnd(46)}${cells.map((cell) => cell.padStart(13)).join('')}`);
}

const results = [];
try {
    for (const backend of backends) {
        results.push(await measure(backend));
    }
} catch (error) {
    console.error(`execute_bench: no figure: ${error.message}`);
    process.exit(1);
}

console.log(`execute_request benchmark: ${serverBinary} over stdio, GET ${directPath}`);
console.log(`  per backend: ${pairs} pairs after ${warmup} warm-up pairs, interleaved, order ` +
    'alternating; clerk-mcp');
console.log('  = tools/call through the MCP SDK client, direct = the same GET from node over ' +
    'keep-alive');
for (const r of results) {
    console.log(`  ${r.name} ${r.url}: ${kb(r.bodyBytes)} answer, ${kb(r.resultBytes)} tool ` +
        `result, ${r.calls} calls per server`);
    row('', 'clerk-mcp', 'direct', 'line client');
    row('  median', ms(r.through.median), ms(r.direct.median), ms(r.bare.median));
    row('  p90', ms(r.through.p90), ms(r.direct.p90), ms(r.bare.p90));
    row('  overhead: median(clerk-mcp) - median(direct)', ms(r.overheadOfMedians), '',
        ms(r.bareOverhead));
    row('  overhead: median of per-pair differences', ms(r.medianOfDifferences));
}
console.log('  (line client: clerk-mcp driven by a bare JSON-RPC line client that skips the ' +
    "SDK's");
console.log('   outputSchema validation; for information, it has no target)');
for (const r of results) {
    const verdict = r.overheadOfMedians < targetMs ? 'ok  ' : 'MISS';
    console.log(`  ${`execute_request overhead (median), ${r.name}`.padEnd(56)}` +
        `${verdict} ${ms(r.overheadOfMedians)} (< ${targetMs} ms)`);
}
// A backend whose own spread is wider than the target cannot settle it either way.
for (const r of results) {
    const jitter = r.direct.p90 - r.direct.median;
    if (jitter > targetMs) {
        console.log(`  (${r.name}: its own p90 - median is ${ms(jitter)}, more than the target; ` +
            'its row is indicative only)');
    }
}
