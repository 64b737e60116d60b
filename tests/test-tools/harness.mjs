// Shared helpers for the Node-based tests and the benchmark: where the repository, the built
// server and the spec mirror are, and how to reach the server through the official MCP SDK.
//
// Test files elsewhere in tests/ import the SDK through this module, because Node resolves
// packages from the importing file's folder and the pinned SDK lives in tests/test-tools.

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export { Client, StdioClientTransport, StreamableHTTPClientTransport };

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// CLERK_MCP_BINARY lets the same tests drive another build (the sanitizer build, say).
export const serverBinary = process.env.CLERK_MCP_BINARY ?? join(repoRoot, 'build', 'clerk-mcp');

// The six-version mirror the repository tests against (read-only, never copied in).
export const specDir =
    process.env.CLERK_MCP_TEST_SPEC_DIR ?? resolve(repoRoot, '..', 'shared', 'clerk-openapi', 'bapi');

// The dated versions in the mirror, oldest first, from file names like 2026-05-12.yml.
export function mirrorVersions() {
    return readdirSync(specDir)
        .map((name) => /^(\d{4}-\d{2}-\d{2})\.ya?ml$/.exec(name)?.[1])
        .filter(Boolean)
        .sort();
}

// A fresh empty working folder, so the server's .env lookup (which walks up from the working
// directory) cannot pick up a developer's own key.
export function isolatedCwd() {
    return mkdtempSync(join(tmpdir(), 'clerk-mcp-test-'));
}

// Spawns the server over stdio and completes the MCP handshake. Returns the connected client,
// its transport (transport.pid is the server's pid) and the stderr text collected so far.
export async function connectStdio({ args = [], env = {}, clientInfo } = {}) {
    const transport = new StdioClientTransport({
        command: serverBinary,
        args,
        // Only what a real host passes (the SDK adds HOME, PATH and the like) plus `env`, so
        // CLERK_MCP_SPEC_DIR or a real CLERK_SECRET_KEY in the developer's shell never changes
        // what is tested.
        env,
        cwd: isolatedCwd(),
        stderr: 'pipe',
    });
    const stderr = [];
    transport.stderr?.on('data', (chunk) => stderr.push(chunk.toString()));
    const transportErrors = [];
    const client = new Client(clientInfo ?? { name: 'clerk-mcp-tests', version: '0.0.0' });
    // A stdout line the SDK cannot parse as JSON-RPC is reported here.
    client.onerror = (error) => transportErrors.push(error);
    await client.connect(transport);
    return {
        client,
        transport,
        stderr: () => stderr.join(''),
        transportErrors,
        close: () => client.close(),
    };
}

// Calls a tool and returns the raw result (isError results are returned, not thrown).
export function callTool(client, name, args = {}) {
    return client.callTool({ name, arguments: args });
}

// Starts `clerk-mcp --http --port 0 ARGS` with only PATH, HOME and `env` in its environment, in
// an empty working folder (no .env of a developer's can be found), and waits for the URL it
// logs. The whole stderr is kept, so tests can check that no secret reached it.
//   url, pid       where it listens, and its process id
//   exited         resolves with { code, signal } (or { error }) when the process ends
//   stderr(), stdout(), alive()
//   signal(name)   sends a signal; stop() sends SIGTERM, as an operator would, then SIGKILL if
//                  the server has not stopped within 15 s, so a hung server cannot hang a run
export async function startHttpServer({ args = [], env = {} } = {}) {
    const child = spawn(serverBinary, ['--http', '--port', '0', ...args], {
        cwd: isolatedCwd(),
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise((resolve) => {
        child.on('exit', (code, signal) => resolve({ code, signal }));
        child.on('error', (error) => resolve({ code: null, signal: null, error }));
    });
    const alive = () => child.exitCode === null && child.signalCode === null;
    const url = await new Promise((resolve, reject) => {
        const timer = setTimeout(
            () => reject(new Error(`no "listening" line within 30 s; stderr: ${stderr}`)),
            30000,
        );
        child.stderr.on('data', () => {
            const found = /http transport listening url=(\S+)/.exec(stderr);
            if (found) {
                clearTimeout(timer);
                resolve(found[1]);
            }
        });
        exited.then(({ code, signal, error }) => {
            clearTimeout(timer);
            reject(new Error(`server ended before listening (${error ?? `${code}/${signal}`}): ` +
                stderr));
        });
    });
    return {
        url,
        pid: child.pid,
        exited,
        stderr: () => stderr,
        stdout: () => stdout,
        alive,
        signal: (name) => child.kill(name),
        async stop() {
            if (alive()) {
                child.kill('SIGTERM');
            }
            const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
            const status = await exited;
            clearTimeout(timer);
            return status;
        },
    };
}

// The median of `values` (not modified).
export function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// The value below which `fraction` of `values` fall (nearest rank; `values` not modified).
export function percentile(values, fraction) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}
