// Shared helpers for the Node-based tests and the benchmark: where the repository, the built
// server and the spec mirror are, and how to reach the server through the official MCP SDK.
//
// Test files elsewhere in tests/ import the SDK through this module, because Node resolves
// packages from the importing file's folder and the pinned SDK lives in tests/test-tools.

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
