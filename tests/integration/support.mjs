// Shared pieces of the integration tests: the sentinel secret, sessions of the real binary over
// stdio (with or without the elicitation capability), the recording proxy's request log, and
// the checks that the secret never shows up.
//
// Each session gets a key of its own, `<sentinel>_<label>`. The proxy records the SHA-256 of
// each Authorization header, so the requests one session sent are exactly the log entries with
// its fingerprint: "nothing reached the mock" needs no quiet period and holds even when other
// test files talk to the same mock at the same time. Every such key starts with the sentinel,
// so the scan scripts/test runs for the sentinel after the suites also catches any of them.

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

import {
    Client,
    StdioClientTransport,
    isolatedCwd,
    serverBinary,
} from '../test-tools/harness.mjs';
// The SDK lives in tests/test-tools; this is the module its client itself loads.
import {
    ElicitRequestSchema,
} from '../test-tools/node_modules/@modelcontextprotocol/sdk/dist/esm/types.js';

export { serverBinary };

// scripts/test exports a random sentinel and searches every file the run leaves for it.
export const sentinel =
    process.env.CLERK_MCP_TEST_SECRET_KEY ?? 'sk_test_sentinel_integration_5f0c2a9e7d41';

export const clerkUrl = process.env.CLERK_MCP_TEST_CLERK_URL;
export const requestLog = process.env.CLERK_MCP_TEST_REQUEST_LOG;
export const specVersion = process.env.CLERK_MCP_TEST_SPEC_VERSION;

// Why the tests that need the mock cannot run, or false when they can.
export const mockMissing =
    !clerkUrl || !requestLog ? 'needs the mock: run scripts/test integration' : false;

// Why no test of the binary can run, or false when it can.
export const binaryMissing = existsSync(serverBinary)
    ? false
    : `no server binary at ${serverBinary}; build it first`;

export function sha256(text) {
    return createHash('sha256').update(text, 'utf8').digest('hex');
}

// Test output goes to build/test-logs, which scripts/test scans for the sentinel: anything a
// failing assertion prints passes through here first.
export function scrub(text) {
    return String(text).replaceAll(sentinel, '<SENTINEL>');
}

export function resultText(result) {
    return (result?.content ?? [])
        .filter((part) => part.type === 'text')
        .map((part) => part.text)
        .join('\n');
}

// A short description of a result for assertion messages.
export function show(result) {
    return scrub(JSON.stringify(result)).slice(0, 1500);
}

export function assertNoSecret(value, where) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    assert.ok(!text.includes(sentinel), `the secret key appears in ${where}`);
}

// Asserts a successful result and returns its structured content.
export function structured(result, what) {
    assert.notEqual(result.isError, true, `${what} failed: ${show(result)}`);
    assert.ok(result.structuredContent, `${what} has no structuredContent: ${show(result)}`);
    return result.structuredContent;
}

// Asserts an error result and returns its text.
export function errorText(result, what) {
    assert.equal(result.isError, true, `${what} should be an error result: ${show(result)}`);
    return resultText(result);
}

// Every request the recording proxy has seen so far.
export function recordedRequests() {
    return readFileSync(requestLog, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
}

function uniqueLabel(label) {
    return `${label.replace(/[^A-Za-z0-9]/g, '')}_${randomBytes(4).toString('hex')}`;
}

// Starts the binary over stdio and completes the handshake.
//
// Options: `label` names the session's key; `scopes` sets CLERK_BAPI_SCOPES (omitted when
// undefined); `apiUrl` sets CLERK_API_URL (default: the recording proxy); `args` are extra
// flags; `elicit`, when given, declares the elicitation capability (form mode) and answers each
// elicitation/create with `await elicit(params)`.
//
// Returns {client, key, fingerprint, stderr(), call(tool, args), sent(), close()}: `call`
// checks each result for the secret, `sent()` lists the proxy log entries carrying this
// session's key, `close()` stops the server and checks its stderr for the secret.
export async function startSession({
    label = 'session',
    scopes,
    apiUrl = clerkUrl,
    args = [],
    elicit,
} = {}) {
    const key = `${sentinel}_${uniqueLabel(label)}`;
    const env = { CLERK_SECRET_KEY: key };
    if (apiUrl !== undefined) {
        env.CLERK_API_URL = apiUrl;
    }
    if (scopes !== undefined) {
        env.CLERK_BAPI_SCOPES = scopes;
    }
    const transport = new StdioClientTransport({
        command: serverBinary,
        args,
        env,
        cwd: isolatedCwd(),
        stderr: 'pipe',
    });
    const stderrChunks = [];
    transport.stderr?.on('data', (chunk) => stderrChunks.push(chunk.toString()));

    const capabilities = elicit ? { elicitation: { form: {} } } : {};
    const client = new Client(
        { name: 'clerk-mcp-integration', version: '0.0.0' },
        { capabilities },
    );
    if (elicit) {
        client.setRequestHandler(ElicitRequestSchema, (request) => elicit(request.params));
    }
    await client.connect(transport);

    const fingerprint = sha256(`Bearer ${key}`);
    const stderr = () => stderrChunks.join('');
    return {
        client,
        key,
        fingerprint,
        stderr,
        async call(tool, toolArgs = {}) {
            const result = await client.callTool({ name: tool, arguments: toolArgs });
            assertNoSecret(result, `the ${tool} result`);
            return result;
        },
        sent() {
            return recordedRequests().filter((r) => r.authorization_sha256 === fingerprint);
        },
        async close() {
            await client.close();
            assertNoSecret(stderr(), "the server's stderr");
        },
    };
}

// Runs `body(session)` with a fresh session and always closes it.
export async function withSession(options, body) {
    const session = await startSession(options);
    try {
        return await body(session);
    } finally {
        await session.close();
    }
}

// Asserts that the server still answers a tool call that needs no network.
export async function assertStillServing(session) {
    const tags = structured(await session.call('list_tags'), 'list_tags after the fault');
    assert.ok(Array.isArray(tags.tags) && tags.tags.length > 0, 'list_tags listed no tags');
}
