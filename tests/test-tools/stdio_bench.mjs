// The stdio benchmark behind scripts/bench: clerk-mcp measured with the official SDK client, and
// optionally a widely used Node-based OpenAPI MCP server on the same spec for the ratio. It
// prints figures with their targets; it is a benchmark, not a test, and fails only when a
// server cannot be measured at all.
//
// Usage: node tests/test-tools/stdio_bench.mjs [--runs N] [--calls N] [--peer DIR]
//   --runs   spawns per server for the start-up figures (median; default 20)
//   --calls  describe_endpoint calls for the latency figure (default 200)
//   --peer   folder holding node_modules/@ivotoby/openapi-mcp-server (omit to skip the peer)

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import {
    Client,
    StdioClientTransport,
    isolatedCwd,
    median,
    mirrorVersions,
    percentile,
    serverBinary,
    specDir,
} from './harness.mjs';

const { values: options } = parseArgs({
    options: {
        runs: { type: 'string', default: '20' },
        calls: { type: 'string', default: '200' },
        peer: { type: 'string' },
    },
});
const runs = Number(options.runs);
const calls = Number(options.calls);

const latest = mirrorVersions().at(-1);
const latestSpec = join(specDir, `${latest}.yml`);



// Peak resident set of a live process, in bytes (VmHWM survives until the process exits).
function peakRss(pid) {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)[1]) * 1024;
}

// The size of a result as the server serialised it (compact JSON, as sent on the wire).
function bytes(result) {
    return Buffer.byteLength(JSON.stringify(result));
}

async function connect(command, args, env = {}) {
    const transport = new StdioClientTransport({
        command,
        args,
        env,
        cwd: isolatedCwd(),
        stderr: 'ignore',
    });
    const client = new Client({ name: 'clerk-mcp-bench', version: '0.0.0' });
    await client.connect(transport);
    return { client, transport };
}

// Start-up: spawn -> initialize done, spawn -> tools/list done; median over `runs` spawns.
async function measureStartup(command, args, count) {
    const toInitialize = [];
    const toToolsList = [];
    for (let i = 0; i < count; i++) {
        const started = performance.now();
        const { client } = await connect(command, args);
        toInitialize.push(performance.now() - started);
        await client.listTools();
        toToolsList.push(performance.now() - started);
        await client.close();
    }
    return { initialize: median(toInitialize), toolsList: median(toToolsList) };
}

// The same start-up figures with a bare line client instead of the SDK: what the server itself
// costs. The SDK client adds its own work after tools/list (it compiles a validator for every
// output schema), which the figure above includes.
async function measureStartupRaw(command, count) {
    const initialize = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
            protocolVersion: '2025-11-25',
            capabilities: {},
            clientInfo: { name: 'clerk-mcp-bench', version: '0.0.0' },
        },
    });
    const rest =
        JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n' +
        JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }) + '\n';
    const toInitialize = [];
    const toToolsList = [];
    for (let i = 0; i < count; i++) {
        const started = performance.now();
        const child = spawn(command, [], { cwd: isolatedCwd(), stdio: ['pipe', 'pipe', 'ignore'] });
        await new Promise((done, fail) => {
            let buffered = '';
            let lines = 0;
            child.on('error', fail);
            child.stdout.on('data', (chunk) => {
                buffered += chunk;
                let newline;
                while ((newline = buffered.indexOf('\n')) >= 0) {
                    buffered = buffered.slice(newline + 1);
                    lines += 1;
                    if (lines === 1) {
                        toInitialize.push(performance.now() - started);
                        child.stdin.write(rest);
                    } else if (lines === 2) {
                        toToolsList.push(performance.now() - started);
                        child.stdin.end();
                        done();
                    }
                }
            });
            child.stdin.write(initialize + '\n');
        });
        await new Promise((done) => child.on('close', done));
    }
    return { initialize: median(toInitialize), toolsList: median(toToolsList) };
}

// The bytes of a result's text blocks: what a host that passes a model the content (and not
// structuredContent) puts in its context.
function textBytes(result) {
    return (result.content ?? []).reduce((sum, block) => sum + Buffer.byteLength(block.text ?? ''), 0);
}

// The bytes of a result's structuredContent as compact JSON: what a host that passes a model the
// structured result instead of the text puts in its context.
function structuredBytes(result) {
    const structured = result.structuredContent;
    return structured ? Buffer.byteLength(JSON.stringify(structured)) : 0;
}

async function measureClerkMcp() {
    const startup = await measureStartup(serverBinary, [], runs);
    const rawStartup = await measureStartupRaw(serverBinary, runs);
    const { client, transport } = await connect(serverBinary, []);

    const toolsList = await client.listTools();
    const users = await client.callTool({ name: 'list_endpoints', arguments: { tag: 'Users' } });
    const describeArgs = { name: 'describe_endpoint', arguments: { method: 'GET', path: '/users' } };
    const describe = await client.callTool(describeArgs);
    for (const [what, result] of [['list_endpoints', users], ['describe_endpoint', describe]]) {
        if (result.isError) {
            throw new Error(`${what} failed: ${JSON.stringify(result.content)}`);
        }
    }

    const latencies = [];
    for (let i = 0; i < calls; i++) {
        const started = performance.now();
        await client.callTool(describeArgs);
        latencies.push(performance.now() - started);
    }
    const typicalRss = peakRss(transport.pid);

    // The worst case for memory: every operation of every served version described once.
    for (const version of mirrorVersions()) {
        const listed = await client.callTool({ name: 'list_endpoints', arguments: { version } });
        for (const { method, path } of listed.structuredContent?.endpoints ?? []) {
            await client.callTool({
                name: 'describe_endpoint',
                arguments: { method, path, version },
            });
        }
    }
    const fullRss = peakRss(transport.pid);
    await client.close();

    return {
        startup,
        rawStartup,
        usersText: textBytes(users),
        describeText: textBytes(describe),
        usersStructured: structuredBytes(users),
        describeStructured: structuredBytes(describe),
        describeMedian: median(latencies),
        describeP90: percentile(latencies, 0.9),
        typicalRss,
        fullRss,
        toolsListBytes: bytes(toolsList),
        usersBytes: bytes(users),
        describeBytes: bytes(describe),
    };
}

async function measurePeer(peerDir) {
    const entry = resolve(peerDir, 'node_modules/@ivotoby/openapi-mcp-server/bin/mcp-server.js');
    // The API base URL is never called: discovery alone is measured. It points at loopback.
    const base = ['--api-base-url', 'http://127.0.0.1:9', '--openapi-spec', latestSpec];
    const peerRuns = Math.max(3, Math.min(runs, 5));
    const startup = await measureStartup(process.execPath, [entry, ...base], peerRuns);

    const all = await connect(process.execPath, [entry, ...base]);
    const toolsList = await all.client.listTools();
    const rss = peakRss(all.transport.pid);
    await all.client.close();

    // Its meta-tool mode is the closest match to list_endpoints + describe_endpoint.
    const dynamic = await connect(process.execPath, [entry, ...base, '--tools', 'dynamic']);
    const listed = await dynamic.client.callTool({ name: 'list-api-endpoints', arguments: {} });
    const schema = await dynamic.client.callTool({
        name: 'get-api-endpoint-schema',
        arguments: { endpoint: '/users' },
    });
    await dynamic.client.close();

    return {
        runs: peerRuns,
        startup,
        rss,
        toolsCount: toolsList.tools.length,
        toolsListBytes: bytes(toolsList),
        metaBytes: bytes(listed) + bytes(schema),
    };
}

const ms = (value) => `${value.toFixed(1)} ms`;
// Decimal units (1 KB = 1000 bytes, 1 MB = 10^6), as the targets are stated.
const mb = (value) => `${(value / 1e6).toFixed(1)} MB`;
const kb = (value) => `${(value / 1000).toFixed(1)} KB`;

function row(label, value, target = '', peer = '') {
    console.log(`  ${label.padEnd(44)} ${value.padStart(10)}  ${target.padEnd(12)} ${peer || ''}`);
}

const ours = await measureClerkMcp();
const peer = options.peer ? await measurePeer(options.peer) : null;

console.log(`stdio benchmark: ${serverBinary}, spec ${latest}, ${runs} spawns, ${calls} calls`);
if (peer) {
    console.log(`peer: @ivotoby/openapi-mcp-server 1.16.1 (median of ${peer.runs} spawns)`);
}
row('figure', 'clerk-mcp', 'target', peer ? 'peer (ratio)' : '');
const versus = (theirs, mine, format) =>
    peer ? `${format(theirs)} (${(theirs / mine).toFixed(1)}x)` : '';
row('spawn -> initialize (median)', ms(ours.startup.initialize), '',
    peer && versus(peer.startup.initialize, ours.startup.initialize, ms));
row('spawn -> tools/list done (median)', ms(ours.startup.toolsList), '< 15 ms',
    peer && versus(peer.startup.toolsList, ours.startup.toolsList, ms));
row('  the same with a bare line client: initialize', ms(ours.rawStartup.initialize));
row('  the same with a bare line client: tools/list', ms(ours.rawStartup.toolsList), '< 15 ms');
row('describe_endpoint GET /users (median)', ms(ours.describeMedian));
row('describe_endpoint GET /users (p90)', ms(ours.describeP90));
row('peak RSS, typical session', mb(ours.typicalRss), '< 20 MB',
    peer && versus(peer.rss, ours.typicalRss, mb));
// Beyond the targets: the worst case a long session can reach (two versions stay parsed).
row('peak RSS, every operation of 6 versions', mb(ours.fullRss));
row('tools/list size', `${ours.toolsListBytes} B`, '< 4000 B',
    peer && `${kb(peer.toolsListBytes)} (${peer.toolsCount} tools)`);
row('list_endpoints Users + describe GET /users', kb(ours.usersBytes + ours.describeBytes),
    '< 20 KB', peer && versus(peer.metaBytes, ours.usersBytes + ours.describeBytes, kb));
row('  of which list_endpoints {tag: "Users"}', kb(ours.usersBytes));
row('  of which describe_endpoint GET /users', kb(ours.describeBytes));
row('  text blocks only (what a model reads)', kb(ours.usersText + ours.describeText), '< 20 KB');
row('  structuredContent only', kb(ours.usersStructured + ours.describeStructured), '< 20 KB');
console.log('  (the first size row is the wire: both forms, as MCP asks a tool with');
console.log('   structuredContent to send a text form too; a host gives its model one of them)');
if (peer) {
    console.log('  (peer sizes: its tools/list in the default mode; its meta-tools');
    console.log('   list-api-endpoints + get-api-endpoint-schema /users in --tools dynamic)');
}
