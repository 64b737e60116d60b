// Upstream faults through the real binary: Clerk's API replaced by small misbehaving servers on
// 127.0.0.1 (fault_server.mjs). Each fault must come back as a clear error result, and the
// server must keep serving afterwards. Needs only the built binary, not the Prism mock.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
    clerkErrorBody,
    closedPortUrl,
    startHttpFault,
    startRawFault,
} from './fault_server.mjs';
import {
    assertStillServing,
    binaryMissing,
    errorText,
    show,
    structured,
    withSession,
} from './support.mjs';

const listUsers = { method: 'GET', path: '/users', query: { limit: 1 } };
const banUser = { method: 'POST', path: '/users/{user_id}/ban', path_params: { user_id: 'u_1' } };

// Runs `body(fault)` with a started fault server and always closes it.
async function withFault(start, body) {
    const fault = await start();
    try {
        return await body(fault);
    } finally {
        await fault.close();
    }
}

// Previews a write and confirms it; returns the confirmed call's result.
async function confirmedWrite(session, args) {
    const preview = structured(await session.call('execute_request', args), 'the preview');
    assert.equal(preview.status, 'confirmation_required', JSON.stringify(preview));
    return session.call('execute_request', { ...args, confirm_token: preview.confirm_token });
}

function answer429(response, retryAfter) {
    response.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter });
    response.end(clerkErrorBody('too_many_requests', 'Too many requests'));
}

// Each suite is bounded as a whole; each tool call also by the SDK's 60 s request timeout.
describe('upstream faults', { skip: binaryMissing, timeout: 120_000 }, () => {
    test('connection refused', async () => {
        const url = await closedPortUrl();
        await withSession({ label: 'refused', apiUrl: url }, async (s) => {
            const result = await s.call('execute_request', listUsers);
            const text = errorText(result, 'GET to a closed port');
            assert.match(text, /No answer from Clerk for GET \/users/);
            assert.match(text, /refused/i);
            assert.equal(result.structuredContent.transport_error, 'connect_refused');
            assert.equal(result.structuredContent.request_may_have_been_performed, false);
            await assertStillServing(s);
        });
    });

    test('timeout: a server that accepts and never answers', async () => {
        await withFault(
            () => startRawFault(() => {}),
            async (fault) => {
                const options = { label: 'timeout', apiUrl: fault.url };
                options.args = ['--request-timeout', '2'];
                await withSession(options, async (s) => {
                    const result = await s.call('execute_request', listUsers);
                    const text = errorText(result, 'GET to a silent server');
                    assert.match(text, /No answer from Clerk for GET \/users/);
                    assert.match(text, /time/i);
                    assert.equal(result.structuredContent.transport_error, 'read_timeout');
                    assert.equal(fault.hits.length, 1, `hits: ${fault.hits}`);
                    await assertStillServing(s);
                });
            },
        );
    });

    test('HTTP 500 with a Clerk error body', async () => {
        await withFault(
            () =>
                startHttpFault((request, response) => {
                    response.writeHead(500, { 'content-type': 'application/json' });
                    response.end(clerkErrorBody('internal_clerk_error', 'Something broke'));
                }),
            async (fault) => {
                await withSession({ label: 'http500', apiUrl: fault.url }, async (s) => {
                    const result = await s.call('execute_request', listUsers);
                    const text = errorText(result, 'GET answered 500');
                    assert.match(text, /500 Internal Server Error/);
                    assert.match(text, /internal_clerk_error/);
                    assert.match(text, /trace_fault_server_0001/);
                    assert.match(text, /Next step: .*retry later/i);
                    assert.equal(result.structuredContent.status, 500);
                    assert.deepEqual(
                        fault.hits,
                        [{ method: 'GET', url: '/v1/users?limit=1', bearer: true }],
                        'a 500 must not be retried',
                    );
                    await assertStillServing(s);
                });
            },
        );
    });

    test('HTTP 429: a GET is retried once when Retry-After fits, then reported', async () => {
        await withFault(
            () => startHttpFault((request, response) => answer429(response, '1')),
            async (fault) => {
                await withSession({ label: 'get429', apiUrl: fault.url }, async (s) => {
                    const result = await s.call('execute_request', listUsers);
                    const text = errorText(result, 'GET answered 429 twice');
                    assert.match(text, /429 Too Many Requests/);
                    assert.match(text, /Rate limited/);
                    assert.equal(fault.hits.length, 2, `hits: ${JSON.stringify(fault.hits)}`);
                    await assertStillServing(s);
                });
            },
        );
    });

    test('HTTP 429 then 200: the one GET retry succeeds', async () => {
        await withFault(
            () =>
                startHttpFault((request, response, index) => {
                    if (index === 0) {
                        answer429(response, '1');
                        return;
                    }
                    response.writeHead(200, { 'content-type': 'application/json' });
                    response.end('[]');
                }),
            async (fault) => {
                await withSession({ label: 'get429ok', apiUrl: fault.url }, async (s) => {
                    const answer = structured(
                        await s.call('execute_request', listUsers),
                        'GET after one 429',
                    );
                    assert.equal(answer.status, 200);
                    assert.deepEqual(answer.data, []);
                    assert.equal(fault.hits.length, 2);
                });
            },
        );
    });

    test('HTTP 429 with a Retry-After beyond the budget: no retry, later calls wait',
        async () => {
            await withFault(
                () => startHttpFault((request, response) => answer429(response, '120')),
                async (fault) => {
                    const options = { label: 'get429long', apiUrl: fault.url };
                    options.args = ['--request-timeout', '5'];
                    await withSession(options, async (s) => {
                        const first = await s.call('execute_request', listUsers);
                        assert.match(errorText(first, 'GET answered 429'), /429/);
                        assert.equal(fault.hits.length, 1, 'retried past the budget');

                        // The server's Retry-After holds the key's budget: the next call is
                        // refused at once instead of collecting another 429.
                        const second = await s.call('execute_request', listUsers);
                        const text = errorText(second, 'GET during the hold');
                        assert.equal(second.structuredContent.transport_error, 'rate_limited');
                        assert.match(text, /nothing was sent/);
                        assert.equal(typeof second.structuredContent.retry_after_ms, 'number');
                        assert.equal(fault.hits.length, 1, 'a request was sent during the hold');
                        await assertStillServing(s);
                    });
                },
            );
        });

    test('HTTP 429 on a confirmed write: never retried', async () => {
        await withFault(
            () => startHttpFault((request, response) => answer429(response, '1')),
            async (fault) => {
                const options = { label: 'post429', apiUrl: fault.url, scopes: 'write' };
                await withSession(options, async (s) => {
                    const result = await confirmedWrite(s, banUser);
                    assert.match(errorText(result, 'POST answered 429'), /429 Too Many Requests/);
                    await assertStillServing(s);
                    assert.deepEqual(
                        fault.hits.map((h) => `${h.method} ${h.url}`),
                        ['POST /v1/users/u_1/ban'],
                        'a write was retried',
                    );
                });
            },
        );
    });

    // A head promising 1000 bytes, 20 of them, then the connection closes.
    function cutBody(socket) {
        socket.end(
            'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n' +
                '[{"id":"user_cut_1",',
        );
    }

    test('a truncated body on a GET', async () => {
        await withFault(
            () => startRawFault(cutBody),
            async (fault) => {
                await withSession({ label: 'cutget', apiUrl: fault.url }, async (s) => {
                    const result = await s.call('execute_request', listUsers);
                    const text = errorText(result, 'GET with a cut body');
                    assert.match(text, /No answer from Clerk for GET \/users/);
                    assert.equal(
                        result.structuredContent.transport_error,
                        'incomplete_response',
                        show(result),
                    );
                    assert.equal(fault.hits.length, 1, `hits: ${fault.hits}`);
                    await assertStillServing(s);
                });
            },
        );
    });

    test('a truncated body on a confirmed write warns that it may have been performed',
        async () => {
            await withFault(
                () => startRawFault(cutBody),
                async (fault) => {
                    const options = { label: 'cutpost', apiUrl: fault.url, scopes: 'write' };
                    await withSession(options, async (s) => {
                        const result = await confirmedWrite(s, banUser);
                        const text = errorText(result, 'POST with a cut body');
                        assert.match(text, /may have reached Clerk/);
                        assert.equal(
                            result.structuredContent.request_may_have_been_performed,
                            true,
                        );
                        assert.deepEqual(fault.hits, ['POST /v1/users/u_1/ban HTTP/1.1']);
                        await assertStillServing(s);
                    });
                },
            );
        });
});
