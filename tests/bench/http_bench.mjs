// The HTTP benchmark behind scripts/bench-http: wrk with keep-alive connections and
// tests/bench/mcp_post.lua against
//   - clerk-mcp --http: tools/list and tools/call list_tags, in a 2025-11-25 session and as
//     2026-07-28 stateless requests;
//   - the bare one-thread Beast server (tests/bench/bare_beast_server.cpp), answering with a
//     fixed body of the same size as each clerk-mcp case: the ceiling of the transport;
//   - @ivotoby/openapi-mcp-server 1.16.1 in its HTTP mode, tools/list in a session.
// It prints req/s, p50 and p99 per case, the ratios against the targets and clerk-mcp's peak RSS.
// It is a benchmark, not a test: it fails only when a server cannot be measured, or when
// clerk-mcp answers a request with an error (its figures would then mean nothing).
//
// Usage: node tests/bench/http_bench.mjs --bare BINARY [--peer DIR] [--duration S]
//                                        [--connections 1,16,64]

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { isolatedCwd, mirrorVersions, serverBinary, specDir } from '../test-tools/harness.mjs';

const { values: options } = parseArgs({
    options: {
        bare: { type: 'string' },
        peer: { type: 'string' },
        duration: { type: 'string', default: '5' },
        connections: { type: 'string', default: '1,16,64' },
    },
});
if (!options.bare) {
    console.error('usage: http_bench.mjs --bare BINARY [--peer DIR] [--duration S] ' +
        '[--connections 1,16,64]');
    process.exit(2);
}
// Made absolute: the servers run in empty working folders.
const bareBinary = resolve(options.bare);
const peerDir = options.peer ? resolve(options.peer) : undefined;
const duration = Number(options.duration);
const connectionCounts = options.connections.split(',').map(Number);
const luaScript = join(dirname(fileURLToPath(import.meta.url)), 'mcp_post.lua');

// The targets of the HTTP transport on a 2-core machine, load tool included.
const targets = { peerRatio: 4, bareShare: 0.8, bareP99Ratio: 1.5, peakRssMb: 30 };

const statelessRevision = '2026-07-28';
const sessionRevision = '2025-11-25';
const metaVersion = 'io.modelcontextprotocol/protocolVersion';

// ---- processes ----------------------------------------------------------------------------

// Every process started here, stopped on any exit (by pid, only these).
const children = new Set();
process.on('exit', () => {
    for (const child of children) {
        child.kill('SIGTERM');
    }
});
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
}

// Starts a server and resolves once `ready` finds what it needs in its stderr.
function startProcess(command, args, ready, { env, what }) {
    const child = spawn(command, args, {
        cwd: isolatedCwd(),
        env: env ?? { PATH: process.env.PATH, HOME: process.env.HOME },
        stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.add(child);
    child.on('exit', () => children.delete(child));
    let stderr = '';
    child.stderr.setEncoding('utf8');
    return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error(`${what} did not start: ${stderr}`)), 30000);
        child.stderr.on('data', (chunk) => {
            stderr = (stderr + chunk).slice(-20000);
            const found = ready(stderr);
            if (found !== undefined) {
                clearTimeout(timer);
                resolvePromise({ child, found });
            }
        });
        child.on('error', (error) => {
            clearTimeout(timer);
            reject(new Error(`${what} could not start: ${error.message}`));
        });
        child.on('exit', (code, signal) => {
            clearTimeout(timer);
            reject(new Error(`${what} exited (${code ?? signal}): ${stderr}`));
        });
    });
}

function stop(child) {
    return new Promise((resolvePromise) => {
        if (child.exitCode !== null || child.signalCode !== null) {
            return resolvePromise();
        }
        child.once('exit', () => resolvePromise());
        child.kill('SIGTERM');
    });
}

function freePort() {
    return new Promise((resolvePromise, reject) => {
        const server = net.createServer();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolvePromise(port));
        });
    });
}

const sleep = (ms) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

// Peak resident set in decimal MB (10^6 bytes), as the targets are stated; /proc reports KiB.
function peakRssMb(pid) {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return (Number(/^VmHWM:\s+(\d+) kB/m.exec(status)[1]) * 1024) / 1e6;
}

// ---- MCP over plain fetch -----------------------------------------------------------------

const jsonHeaders = {
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
};

async function openSession(url) {
    const init = await fetch(url, {
        method: 'POST',
        headers: jsonHeaders,
        body: JSON.stringify({
            jsonrpc: '2.0',
            id: 0,
            method: 'initialize',
            params: {
                protocolVersion: sessionRevision,
                capabilities: {},
                clientInfo: { name: 'clerk-mcp-bench', version: '0.0.0' },
            },
        }),
    });
    const sessionId = init.headers.get('mcp-session-id');
    await init.text();
    if (!init.ok || !sessionId) {
        throw new Error(`initialize at ${url} failed: HTTP ${init.status}`);
    }
    const initialized = await fetch(url, {
        method: 'POST',
        headers: { ...jsonHeaders, 'Mcp-Session-Id': sessionId,
            'MCP-Protocol-Version': sessionRevision },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
    });
    await initialized.text();
    return sessionId;
}

// One benchmark request: the JSON-RPC body and the MCP headers, as mcp_post.lua reads them.
function mcpRequest({ method, toolName, sessionId }) {
    const params = toolName ? { name: toolName, arguments: {} } : {};
    const env = {};
    if (sessionId) {
        env.BENCH_SESSION = sessionId;
        env.BENCH_VERSION = sessionRevision;
    } else {
        params._meta = { [metaVersion]: statelessRevision };
        env.BENCH_VERSION = statelessRevision;
        env.BENCH_METHOD = method;
        env.BENCH_NAME = toolName ?? '';
    }
    env.BENCH_BODY = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
    return env;
}

// Sends the request once; returns the answer's size, after checking that it is a result (a
// JSON-RPC error comes back as HTTP 200 in a 2025 session, and would be measured otherwise).
async function probe(url, env) {
    const headers = { ...jsonHeaders };
    const names = {
        BENCH_SESSION: 'Mcp-Session-Id',
        BENCH_VERSION: 'MCP-Protocol-Version',
        BENCH_METHOD: 'Mcp-Method',
        BENCH_NAME: 'Mcp-Name',
    };
    for (const [variable, header] of Object.entries(names)) {
        if (env[variable]) {
            headers[header] = env[variable];
        }
    }
    const answer = await fetch(url, { method: 'POST', headers, body: env.BENCH_BODY });
    const text = await answer.text();
    const message = JSON.parse(text.startsWith('event:') ? /^data: (.*)$/m.exec(text)[1] : text);
    if (!answer.ok || !message.result || message.result.isError) {
        throw new Error(`probe of ${url} failed: HTTP ${answer.status} ${text.slice(0, 300)}`);
    }
    return Buffer.byteLength(text);
}

// ---- wrk ----------------------------------------------------------------------------------

function runWrk(url, connections, env) {
    // wrk needs at least one connection per thread; two threads use both cores for the client.
    const threads = Math.min(2, connections);
    const args = ['-t', String(threads), '-c', String(connections), '-d', `${duration}s`,
        '--timeout', '5s', '-s', luaScript, url];
    return new Promise((resolvePromise, reject) => {
        const child = spawn('wrk', args, {
            env: { PATH: process.env.PATH, ...env },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        children.add(child);
        let out = '';
        child.stdout.on('data', (chunk) => (out += chunk));
        child.stderr.on('data', (chunk) => (out += chunk));
        child.on('error', (error) => reject(new Error(`wrk could not run: ${error.message}`)));
        child.on('exit', (code) => {
            children.delete(child);
            const line = /^BENCH (.*)$/m.exec(out);
            if (code !== 0 || !line) {
                return reject(new Error(`wrk failed (exit ${code}): ${out}`));
            }
            const figures = Object.fromEntries(
                line[1].split(' ').map((pair) => {
                    const [key, value] = pair.split('=');
                    return [key, Number(value)];
                }),
            );
            resolvePromise(figures);
        });
    });
}

// ---- the run ------------------------------------------------------------------------------

const rows = [];

function printRow(label, connections, figures) {
    const cells = [
        label.padEnd(52),
        String(connections).padStart(5),
        figures.rps.toFixed(0).padStart(9),
        figures.p50_ms.toFixed(2).padStart(8),
        figures.p99_ms.toFixed(2).padStart(8),
        String(figures.errors).padStart(7),
    ];
    console.log(cells.join(' '));
}

async function measure(label, key, url, connections, env) {
    const figures = await runWrk(url, connections, env);
    rows.push({ label, key, connections, ...figures });
    printRow(label, connections, figures);
    return figures;
}

const bareServers = new Map();
async function bareUrl(bytes) {
    if (!bareServers.has(bytes)) {
        const { child, found } = await startProcess(
            bareBinary,
            ['0', String(bytes)],
            (text) => /listening port=(\d+)/.exec(text)?.[1],
            { what: 'bare_beast_server' },
        );
        bareServers.set(bytes, { child, url: `http://127.0.0.1:${found}/mcp` });
    }
    return bareServers.get(bytes).url;
}

const clerk = await startProcess(
    serverBinary,
    ['--http', '--port', '0', '--log-level', 'info'],
    (text) => /http transport listening url=(\S+)/.exec(text)?.[1],
    { what: 'clerk-mcp' },
);
const clerkUrl = clerk.found;
const clerkSession = await openSession(clerkUrl);

const clerkCases = [
    { key: 'list-2025', label: 'tools/list (2025 session)', method: 'tools/list',
        sessionId: clerkSession },
    { key: 'tags-2025', label: 'tools/call list_tags (2025 session)', method: 'tools/call',
        toolName: 'list_tags', sessionId: clerkSession },
    { key: 'list-2026', label: 'tools/list (2026 stateless)', method: 'tools/list' },
    { key: 'tags-2026', label: 'tools/call list_tags (2026 stateless)', method: 'tools/call',
        toolName: 'list_tags' },
];
for (const c of clerkCases) {
    c.env = mcpRequest(c);
    c.bytes = await probe(clerkUrl, c.env);
}

console.log(`HTTP benchmark: wrk with keep-alive on 127.0.0.1, ${duration} s per case; each ` +
    'clerk-mcp case is followed by the bare server');
console.log(['case'.padEnd(52), 'conns'.padStart(5), 'req/s'.padStart(9), 'p50 ms'.padStart(8),
    'p99 ms'.padStart(8), 'errors'.padStart(7)].join(' '));

for (const connections of connectionCounts) {
    for (const c of clerkCases) {
        await measure(`clerk-mcp ${c.label}`, c.key, clerkUrl, connections, c.env);
        const bare = await bareUrl(c.bytes);
        await measure(`  bare Beast, same ${c.bytes}-byte answer`, `bare-${c.key}`, bare,
            connections, { BENCH_BODY: c.env.BENCH_BODY });
    }
}
const clerkPeakRss = peakRssMb(clerk.child.pid);
await stop(clerk.child);
for (const { child } of bareServers.values()) {
    await stop(child);
}

// The peer in its meta-tool mode (--tools dynamic): its tools/list then holds three tools, the
// closest match to clerk-mcp's four discovery tools. In its default mode it lists one tool per
// operation (about 290 KB for this spec) and serves about a hundred tools/list per second.
let peerNote = '';
if (peerDir) {
    const entry = resolve(peerDir,
        'node_modules/@ivotoby/openapi-mcp-server/bin/mcp-server.js');
    const latestSpec = join(specDir, `${mirrorVersions().at(-1)}.yml`);
    const port = await freePort();
    const peerUrl = `http://127.0.0.1:${port}/mcp`;
    // Its API base URL is never called: only tools/list is measured. It points at loopback.
    const peerArgs = [entry, '--api-base-url', 'http://127.0.0.1:9', '--openapi-spec', latestSpec,
        '--transport', 'http', '--host', '127.0.0.1', '--port', String(port), '--path', '/mcp',
        '--tools', 'dynamic'];
    const peer = spawn(process.execPath, peerArgs, {
        cwd: isolatedCwd(),
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        stdio: 'ignore',
    });
    children.add(peer);
    let peerSession;
    for (let waited = 0; !peerSession; waited += 200) {
        try {
            peerSession = await openSession(peerUrl);
        } catch (error) {
            if (waited > 30000 || peer.exitCode !== null) {
                throw new Error(`the peer did not start: ${error.message}`);
            }
            await sleep(200);
        }
    }
    const env = mcpRequest({ method: 'tools/list', sessionId: peerSession });
    const bytes = await probe(peerUrl, env);
    for (const connections of connectionCounts) {
        await measure('peer tools/list (2025 session, --tools dynamic)', 'peer-list-2025',
            peerUrl, connections, env);
    }
    peerNote = `peer: @ivotoby/openapi-mcp-server 1.16.1, ${bytes}-byte tools/list answer, ` +
        `peak RSS ${peakRssMb(peer.pid).toFixed(1)} MB`;
    await stop(peer);
}

// ---- ratios against the targets -----------------------------------------------------------

const find = (key, connections) => rows.find((r) => r.key === key && r.connections === connections);

// One line of ratios: a label, then per connection count the ratio and whether it meets the
// target.
function ratioLine(label, ratioAt, meets, format, target) {
    const cells = connectionCounts.map((n) => {
        const value = ratioAt(n);
        return `${meets(value) ? 'ok  ' : 'MISS'} ${format(value)}`.padEnd(14);
    });
    console.log(`  ${label.padEnd(34)}${cells.join('')}${target}`);
}

console.log();
console.log(`  ${'targets'.padEnd(34)}` +
    connectionCounts.map((n) => `${n} conns`.padEnd(14)).join(''));
const times = (value) => `${value.toFixed(2)}x`;
const percent = (value) => `${(100 * value).toFixed(0)}%`;
if (peerDir) {
    for (const key of ['list-2025', 'list-2026']) {
        ratioLine(`${key} req/s / peer req/s`,
            (n) => find(key, n).rps / find('peer-list-2025', n).rps,
            (value) => value >= targets.peerRatio, times, `(>= ${targets.peerRatio}x)`);
    }
}
for (const c of clerkCases) {
    ratioLine(`${c.key} req/s / bare req/s`,
        (n) => find(c.key, n).rps / find(`bare-${c.key}`, n).rps,
        (value) => value >= targets.bareShare, percent, `(>= ${percent(targets.bareShare)})`);
}
for (const c of clerkCases) {
    ratioLine(`${c.key} p99 / bare p99`,
        (n) => find(c.key, n).p99_ms / find(`bare-${c.key}`, n).p99_ms,
        (value) => value <= targets.bareP99Ratio, times, `(<= ${targets.bareP99Ratio}x)`);
}
const rssOk = clerkPeakRss < targets.peakRssMb;
console.log(`  ${'clerk-mcp peak RSS under load'.padEnd(34)}` +
    `${rssOk ? 'ok  ' : 'MISS'} ${clerkPeakRss.toFixed(1)} MB (< ${targets.peakRssMb} MB)`);
if (peerNote) {
    console.log(`  ${peerNote}`);
}

// Errors from clerk-mcp (refused connections, non-2xx answers) make its figures meaningless.
const failed = rows.filter((r) => !r.key.startsWith('peer') && r.errors > 0);
if (failed.length) {
    console.error(`http bench: ${failed.length} case(s) had errors: ` +
        failed.map((r) => `${r.label} at ${r.connections}`).join('; '));
    process.exit(1);
}
