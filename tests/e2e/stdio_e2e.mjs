// End-to-end test of the built server over stdio, driven by the official MCP TypeScript SDK
// client, on the real BAPI specs embedded at build time (the six-version mirror). Run with
// `node --test tests/e2e/stdio_e2e.mjs` after building build/clerk-mcp.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
    callTool,
    connectStdio,
    isolatedCwd,
    mirrorVersions,
    serverBinary,
    specDir,
} from '../test-tools/harness.mjs';

const latest = '2026-05-12';
const toolNames = ['describe_endpoint', 'execute_request', 'list_endpoints', 'list_tags'];
const annotationHints = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'];
// What each tool tells a host about itself: the three discovery tools read the built-in spec
// (read-only, idempotent, closed world); execute_request may change or delete Clerk data.
const readSpec = {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
};
const expectedAnnotations = {
    list_tags: readSpec,
    list_endpoints: readSpec,
    describe_endpoint: readSpec,
    execute_request: {
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: false,
        openWorldHint: true,
    },
};

function resultText(result) {
    return (result.content ?? [])
        .filter((part) => part.type === 'text')
        .map((part) => part.text)
        .join('\n');
}

// Asserts a successful tool result and returns its structured content.
function structured(result, what) {
    assert.notEqual(result.isError, true, `${what} failed: ${resultText(result)}`);
    assert.ok(result.structuredContent, `${what} has no structuredContent`);
    assert.ok(resultText(result).length > 0, `${what} has no text rendering`);
    return result.structuredContent;
}

// Every place in `value` where an object carries a "$ref" key, as JSON-pointer-like paths.
function refLocations(value, path = '', found = []) {
    if (Array.isArray(value)) {
        value.forEach((item, i) => refLocations(item, `${path}/${i}`, found));
    } else if (value !== null && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
            if (key === '$ref') {
                found.push(`${path}/$ref = ${JSON.stringify(item)}`);
            }
            refLocations(item, `${path}/${key}`, found);
        }
    }
    return found;
}

describe('stdio server driven by the SDK client', () => {
    let session;

    before(async () => {
        session = await connectStdio();
    });

    after(async () => {
        await session?.close();
    });

    test('initialize returns instructions that teach the workflow', () => {
        const instructions = session.client.getInstructions() ?? '';
        for (const tool of ['list_tags', 'list_endpoints', 'describe_endpoint', 'execute_request']) {
            assert.match(instructions, new RegExp(tool), `instructions do not mention ${tool}`);
        }
        assert.equal(session.client.getServerVersion()?.name, 'clerk-mcp');
        assert.ok(session.client.getServerCapabilities()?.tools, 'tools capability missing');
    });

    test('tools/list offers the four tools, fully described', async () => {
        const { tools } = await session.client.listTools();
        assert.deepEqual(tools.map((tool) => tool.name).sort(), toolNames);
        // A host puts every tool definition into each conversation's context.
        const size = Buffer.byteLength(JSON.stringify({ tools }));
        assert.ok(size < 4000, `tools/list is ${size} bytes, over the 4 KB budget`);
        for (const tool of tools) {
            assert.ok(tool.title, `${tool.name} has no title`);
            assert.ok(tool.description?.length > 20, `${tool.name} has no real description`);
            assert.equal(tool.inputSchema?.type, 'object', `${tool.name} inputSchema`);
            assert.equal(tool.outputSchema?.type, 'object', `${tool.name} outputSchema`);
            for (const hint of annotationHints) {
                assert.equal(
                    tool.annotations?.[hint],
                    expectedAnnotations[tool.name][hint],
                    `${tool.name} ${hint}`,
                );
            }
        }
    });

    test('list_tags lists 42 tags, exactly one of them without endpoints', async () => {
        const tags = structured(await callTool(session.client, 'list_tags'), 'list_tags');
        assert.equal(tags.version, latest);
        assert.equal(tags.tags.length, 42);
        assert.equal(new Set(tags.tags.map((tag) => tag.name)).size, 42, 'tag names repeat');
        const empty = tags.tags.filter((tag) => tag.endpoint_count === 0);
        assert.equal(empty.length, 1, `empty tags: ${empty.map((tag) => tag.name)}`);
        for (const tag of tags.tags) {
            assert.equal(typeof tag.name, 'string');
            assert.equal(typeof tag.description, 'string', `${tag.name} description`);
            assert.ok(Number.isInteger(tag.endpoint_count), `${tag.name} endpoint_count`);
        }
        const total = tags.tags.reduce((sum, tag) => sum + tag.endpoint_count, 0);
        assert.ok(total >= 249, `tag counts sum to ${total}`);
    });

    test('list_endpoints without a filter lists all 249 operations once', async () => {
        const listed = structured(await callTool(session.client, 'list_endpoints'), 'list_endpoints');
        assert.equal(listed.version, latest);
        const keys = listed.endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`);
        assert.equal(new Set(keys).size, 249);
        assert.equal(keys.length, 249, 'some operation is listed twice');
        for (const endpoint of listed.endpoints) {
            assert.match(endpoint.method, /^(GET|POST|PUT|PATCH|DELETE)$/);
            assert.ok(endpoint.path.startsWith('/'), endpoint.path);
            assert.equal(typeof endpoint.operation_id, 'string');
            assert.equal(typeof endpoint.summary, 'string');
            assert.equal(typeof endpoint.deprecated, 'boolean');
        }
    });

    test('list_endpoints by tag matches the tag case-insensitively', async () => {
        const users = structured(
            await callTool(session.client, 'list_endpoints', { tag: 'Users' }),
            'list_endpoints Users',
        );
        assert.equal(users.endpoints.length, 35);
        assert.ok(users.endpoints.some((e) => e.method === 'GET' && e.path === '/users'));
        const lower = structured(
            await callTool(session.client, 'list_endpoints', { tag: 'users' }),
            'list_endpoints users',
        );
        assert.deepEqual(lower.endpoints, users.endpoints);
    });

    test('list_endpoints with a query ranks a matching operation', async () => {
        const found = structured(
            await callTool(session.client, 'list_endpoints', { query: 'created_at_after' }),
            'list_endpoints query',
        );
        assert.ok(
            found.endpoints.some((e) => e.method === 'GET' && e.path === '/users'),
            'GET /users, which has a created_at_after parameter, was not found',
        );
    });

    test('list_endpoints with an unknown tag is an error naming the closest tag', async () => {
        const result = await callTool(session.client, 'list_endpoints', { tag: 'Userz' });
        assert.equal(result.isError, true);
        assert.match(resultText(result), /Users/);
    });

    test('describe_endpoint GET /users lists all 26 query parameters', async () => {
        const op = structured(
            await callTool(session.client, 'describe_endpoint', { method: 'GET', path: '/users' }),
            'describe GET /users',
        );
        assert.equal(op.version, latest);
        assert.equal(op.method, 'GET');
        assert.equal(op.path, '/users');
        assert.equal(op.operation_id, 'GetUserList');
        const query = op.parameters.filter((p) => p.in === 'query');
        assert.equal(query.length, 26);
        const after = query.find((p) => p.name === 'created_at_after');
        assert.ok(after, 'created_at_after is missing');
        assert.equal(typeof after.required, 'boolean');
        assert.ok(after.type, 'created_at_after has no type');
        assert.ok(op.responses && Object.keys(op.responses).includes('200'), 'no 200 response');
        assert.equal(typeof op.requires, 'object');
        assert.equal(typeof op.requires.confirmation, 'boolean');
        assert.equal(op.requires.confirmation, false, 'a GET needs no confirmation');
        assert.deepEqual(refLocations(op), []);
    });

    test('describe_endpoint says a DELETE needs confirmation and the delete scope', async () => {
        const op = structured(
            await callTool(session.client, 'describe_endpoint', {
                method: 'DELETE',
                path: '/users/{user_id}',
            }),
            'describe DELETE /users/{user_id}',
        );
        assert.equal(op.requires.confirmation, true);
        assert.deepEqual(op.requires.scopes, ['write', 'delete']);
        assert.ok(op.parameters.some((p) => p.in === 'path' && p.name === 'user_id' && p.required));
    });

    test('describe_endpoint finds an operation by operation_id', async () => {
        const op = structured(
            await callTool(session.client, 'describe_endpoint', { operation_id: 'GetUserList' }),
            'describe GetUserList',
        );
        assert.equal(op.method, 'GET');
        assert.equal(op.path, '/users');
    });

    test('describe_endpoint of an unknown endpoint suggests near misses', async () => {
        const wrongPath = await callTool(session.client, 'describe_endpoint', {
            method: 'GET',
            path: '/user',
        });
        assert.equal(wrongPath.isError, true);
        assert.match(resultText(wrongPath), /\/users/);

        const wrongMethod = await callTool(session.client, 'describe_endpoint', {
            method: 'PUT',
            path: '/users',
        });
        assert.equal(wrongMethod.isError, true);
        assert.match(resultText(wrongMethod), /GET|POST/);

        const wrongId = await callTool(session.client, 'describe_endpoint', {
            operation_id: 'GetUsrList',
        });
        assert.equal(wrongId.isError, true);
        assert.match(resultText(wrongId), /GetUserList/);
    });

    test('an unknown version is an error that lists the served versions', async () => {
        const result = await callTool(session.client, 'list_tags', { version: '1999-01-01' });
        assert.equal(result.isError, true);
        for (const version of mirrorVersions()) {
            assert.match(resultText(result), new RegExp(version));
        }
    });

    test('no describe_endpoint result of any operation of any version holds a $ref', async () => {
        const versions = mirrorVersions();
        assert.equal(versions.length, 6, `mirror versions: ${versions}`);
        let described = 0;
        for (const version of versions) {
            const listed = structured(
                await callTool(session.client, 'list_endpoints', { version }),
                `list_endpoints ${version}`,
            );
            assert.equal(listed.version, version);
            assert.ok(listed.endpoints.length > 100, `${version}: ${listed.endpoints.length}`);
            for (const { method, path } of listed.endpoints) {
                const args = { method, path, version };
                const op = structured(
                    await callTool(session.client, 'describe_endpoint', args),
                    `describe ${method} ${path} (${version})`,
                );
                assert.deepEqual(refLocations(op), [], `${method} ${path} (${version})`);
                if (version === latest) {
                    const expanded = structured(
                        await callTool(session.client, 'describe_endpoint', {
                            ...args,
                            expand_responses: true,
                        }),
                        `describe expanded ${method} ${path}`,
                    );
                    assert.deepEqual(refLocations(expanded), [], `expanded ${method} ${path}`);
                }
                described += 1;
            }
        }
        assert.ok(described >= 1000, `only ${described} operations described`);
    });

    test('stdout carried nothing but JSON-RPC', () => {
        assert.deepEqual(session.transportErrors.map(String), []);
    });
});

// A raw stdio peer: writes bytes, reads the server's stdout line by line.
class RawPeer {
    constructor() {
        this.child = spawn(serverBinary, [], {
            cwd: isolatedCwd(),
            env: { PATH: process.env.PATH, HOME: process.env.HOME },
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        this.lines = [];
        this.waiters = [];
        this.stderr = '';
        let pending = '';
        this.child.stdout.setEncoding('utf8');
        this.child.stdout.on('data', (chunk) => {
            pending += chunk;
            let newline;
            while ((newline = pending.indexOf('\n')) >= 0) {
                this.lines.push(pending.slice(0, newline));
                pending = pending.slice(newline + 1);
                this.waiters.shift()?.();
            }
        });
        // A failed spawn or an early exit wakes the reader, which then reports it.
        this.ended = null;
        const end = (why) => {
            this.ended ??= why;
            for (const wake of this.waiters.splice(0)) {
                wake();
            }
        };
        this.child.on('error', (error) => end(`could not start ${serverBinary}: ${error.message}`));
        this.child.on('exit', (code, signal) => end(`server exited (code ${code}, signal ${signal})`));
        this.child.stderr.on('data', (chunk) => {
            // Keep the tail only: a rejected 10 MB line may be echoed in part to the log.
            this.stderr = (this.stderr + chunk).slice(-20000);
        });
        this.read = 0;
    }

    send(data) {
        this.child.stdin.write(data);
    }

    sendJson(message) {
        this.send(`${JSON.stringify(message)}\n`);
    }

    // The next stdout line, parsed; fails after `ms` without one.
    async next(ms = 10000) {
        while (this.lines.length <= this.read) {
            if (this.ended) {
                throw new Error(`${this.ended}; stderr: ${this.stderr}`);
            }
            let timer;
            await Promise.race([
                new Promise((resolve) => this.waiters.push(resolve)),
                new Promise((_, reject) => {
                    timer = setTimeout(
                        () => reject(new Error(`no reply within ${ms} ms; stderr: ${this.stderr}`)),
                        ms,
                    );
                }),
            ]);
            clearTimeout(timer);
        }
        return JSON.parse(this.lines[this.read++]);
    }

    async request(id, method, params) {
        this.sendJson({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
        const reply = await this.next();
        assert.equal(reply.id, id, `reply to ${method}: ${JSON.stringify(reply)}`);
        return reply;
    }

    async close() {
        this.child.stdin.end();
        if (this.child.exitCode === null) {
            await new Promise((resolve) => {
                const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
                this.child.once('exit', () => {
                    clearTimeout(timer);
                    resolve();
                });
            });
        }
    }
}

describe('stdio server given bad input', () => {
    let peer;

    before(async () => {
        peer = new RawPeer();
        const init = await peer.request(1, 'initialize', {
            protocolVersion: '2025-11-25',
            capabilities: {},
            clientInfo: { name: 'raw-peer', version: '0.0.0' },
        });
        assert.ok(init.result, JSON.stringify(init));
        peer.sendJson({ jsonrpc: '2.0', method: 'notifications/initialized' });
    });

    after(async () => {
        await peer?.close();
    });

    test('malformed JSON is a parse error', async () => {
        peer.send('{"jsonrpc":"2.0","id":2,"method":\n');
        const reply = await peer.next();
        assert.equal(reply.error?.code, -32700);
        assert.equal(reply.id, null);
    });

    test('a batch array is an invalid request', async () => {
        peer.sendJson([{ jsonrpc: '2.0', id: 3, method: 'ping' }]);
        const reply = await peer.next();
        assert.equal(reply.error?.code, -32600);
    });

    test('invalid UTF-8 is a parse error', async () => {
        const head = Buffer.from('{"jsonrpc":"2.0","id":4,"method":"ping","params":{"x":"');
        const tail = Buffer.from('"}}\n');
        peer.send(Buffer.concat([head, Buffer.from([0xff, 0xfe, 0xc3]), tail]));
        const reply = await peer.next();
        assert.equal(reply.error?.code, -32700);
    });

    test('a 10 MB line is refused and the next request is still answered', async () => {
        const padding = 'x'.repeat(10 * 1024 * 1024);
        peer.send(`{"jsonrpc":"2.0","id":5,"method":"ping","params":{"pad":"${padding}"}}\n`);
        const reply = await peer.next(30000);
        // The line is discarded unread, so its id is unknown: -32600 with a null id, and a
        // message that names the limit.
        assert.equal(reply.error?.code, -32600, JSON.stringify(reply).slice(0, 200));
        assert.equal(reply.id, null);
        assert.match(reply.error.message, /exceeds the \d+-byte limit/);
        const ping = await peer.request(6, 'ping');
        assert.deepEqual(ping.result, {});
    });

    test('an unknown method is method-not-found', async () => {
        const reply = await peer.request(7, 'tools/unknown');
        assert.equal(reply.error?.code, -32601);
    });

    test('an unknown tool is invalid params', async () => {
        const reply = await peer.request(8, 'tools/call', { name: 'drop_database', arguments: {} });
        assert.equal(reply.error?.code, -32602);
    });

    test('arguments of the wrong type are refused', async () => {
        const reply = await peer.request(9, 'tools/call', {
            name: 'list_endpoints',
            arguments: { tag: 42, query: ['x'] },
        });
        // The tool ran and refused: an error result that names the argument and its type.
        assert.equal(reply.result?.isError, true, JSON.stringify(reply));
        assert.equal(reply.result.structuredContent.argument, 'tag');
        assert.match(reply.result.content[0].text, /`tag` must be a string, not a number/);
    });

    test('an unknown version is an error result that lists the versions', async () => {
        const reply = await peer.request(10, 'tools/call', {
            name: 'describe_endpoint',
            arguments: { method: 'GET', path: '/users', version: '2020-01-01' },
        });
        assert.equal(reply.result?.isError, true, JSON.stringify(reply));
        const text = reply.result.content.map((part) => part.text ?? '').join('\n');
        assert.match(text, new RegExp(latest));
    });

    test('a notification gets no reply', async () => {
        peer.sendJson({ jsonrpc: '2.0', method: 'notifications/cancelled', params: {} });
        const ping = await peer.request(11, 'ping');
        assert.deepEqual(ping.result, {});
    });

    test('every stdout line was a JSON-RPC response', () => {
        assert.ok(peer.lines.length >= 10);
        for (const line of peer.lines) {
            const message = JSON.parse(line);
            assert.equal(message.jsonrpc, '2.0', line.slice(0, 200));
            assert.ok('id' in message, line.slice(0, 200));
            assert.ok(('result' in message) !== ('error' in message), line.slice(0, 200));
        }
    });
});

describe('stdio server serving --spec-dir', () => {
    let session;
    let folder;

    before(async () => {
        // One version of the mirror, linked (never copied) into a folder of its own.
        folder = isolatedCwd();
        symlinkSync(join(specDir, '2025-11-10.yml'), join(folder, '2025-11-10.yml'));
        session = await connectStdio({ args: ['--spec-dir', folder] });
    });

    after(async () => {
        await session?.close();
        rmSync(folder, { recursive: true, force: true });
    });

    test('serves the folder\'s YAML versions instead of the built-in set', async () => {
        const tags = structured(await callTool(session.client, 'list_tags'), 'list_tags');
        assert.equal(tags.version, '2025-11-10');
        const described = structured(
            await callTool(session.client, 'describe_endpoint', {
                method: 'PATCH',
                path: '/users/{user_id}',
            }),
            'describe_endpoint',
        );
        // 2025-11-10 still accepts metadata on PATCH /users/{user_id} (2026-05-12 does not).
        assert.ok(described.request_body.schema.properties.public_metadata);

        const other = await callTool(session.client, 'list_tags', { version: latest });
        assert.equal(other.isError, true);
        assert.match(resultText(other), /serves 2025-11-10\b/);
    });
});
