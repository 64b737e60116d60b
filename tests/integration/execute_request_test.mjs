// execute_request through the real binary, driven by the official SDK client over stdio, against
// the local Clerk mock (Prism behind the recording proxy, started by scripts/test). What the
// server sent is read from the proxy's log, matched by each session's own key fingerprint (see
// support.mjs), so "nothing was sent" is checked exactly.
//
// Needs CLERK_MCP_TEST_CLERK_URL and CLERK_MCP_TEST_REQUEST_LOG (set by scripts/test).

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';

import {
    binaryMissing,
    errorText,
    mockMissing,
    recordedRequests,
    resultText,
    sha256,
    show,
    specVersion,
    structured,
    withSession,
} from './support.mjs';

const skip = binaryMissing || mockMissing;

// A user id no other test uses, so a stray request would be recognisable.
function userId(prefix = 'user') {
    return `${prefix}_${randomBytes(6).toString('hex')}`;
}

function deleteUser(id, extra = {}) {
    return { method: 'DELETE', path: '/users/{user_id}', path_params: { user_id: id }, ...extra };
}

// Asserts a first-phase answer: a preview, not an error, nothing performed. Returns it.
function assertPreview(result, what) {
    const preview = structured(result, what);
    assert.equal(preview.status, 'confirmation_required', `${what}: ${show(result)}`);
    assert.equal(typeof preview.confirm_token, 'string');
    assert.ok(preview.confirm_token.length > 0, 'empty confirm_token');
    assert.match(resultText(result), /NOT EXECUTED/);
    return preview;
}

// Asserts a refused token: an error result that carries a fresh preview and a new token.
function assertRefusedToken(result, oldToken, reason, what) {
    assert.equal(result.isError, true, `${what} should be refused: ${show(result)}`);
    const preview = result.structuredContent;
    assert.equal(preview?.status, 'confirmation_required', `${what}: ${show(result)}`);
    assert.match(preview.refused_token, reason, `${what}: ${preview.refused_token}`);
    assert.match(resultText(result), /fresh preview/i);
    assert.equal(typeof preview.confirm_token, 'string');
    assert.notEqual(preview.confirm_token, oldToken, `${what} reissued the refused token`);
    return preview;
}

// Each suite is bounded as a whole; each tool call also by the SDK's 60 s request timeout.
describe('execute_request against the Clerk mock', { skip, timeout: 120_000 }, () => {
    test('GET /users?limit=2 returns data, the pagination hint and the exact request', async () => {
        await withSession({ label: 'getusers', args: ['--log-level', 'trace'] }, async (s) => {
            const result = await s.call('execute_request', {
                method: 'GET',
                path: '/users',
                query: { limit: 2 },
            });
            const answer = structured(result, 'GET /users');
            assert.equal(answer.status, 200);
            assert.ok(Array.isArray(answer.data), `data is not a list: ${show(result)}`);
            assert.match(answer.instance, /development instance/);
            assert.equal(answer.pagination?.limit, 2, `no pagination: ${show(result)}`);
            assert.equal(answer.pagination.offset, 0);
            assert.match(answer.pagination.hint, /`limit`.*`offset`/);
            assert.equal(answer.pagination.returned, answer.data.length);

            // Exactly one request reached the mock, carrying this session's key (the proxy
            // log matches it by the fingerprint of "Bearer <key>").
            const sent = s.sent();
            assert.equal(sent.length, 1, `requests sent: ${JSON.stringify(sent)}`);
            const [request] = sent;
            assert.equal(request.authorization_sha256, sha256(`Bearer ${s.key}`));
            assert.equal(request.method, 'GET');
            assert.equal(request.url, '/v1/users?limit=2');
            assert.equal(request.headers['clerk-api-version'], specVersion);
            assert.match(request.headers['user-agent'], /^clerk-mcp\/\S+/);
            assert.equal(request.body, '');

            // The trace level did run (it logs each request head, with the key redacted).
            assert.match(s.stderr(), /clerk request head/);
            assert.match(s.stderr(), /\[redacted\]/);
        });
    });

    test('the proxy log never holds an Authorization header', () => {
        for (const request of recordedRequests()) {
            assert.equal(request.headers.authorization, undefined, JSON.stringify(request));
        }
    });

    test('a wrong query name is refused with the near names; nothing is sent', async () => {
        await withSession({ label: 'badquery' }, async (s) => {
            const result = await s.call('execute_request', {
                method: 'GET',
                path: '/users',
                query: { created_at: 1700000000000, limit: 2 },
            });
            const text = errorText(result, 'GET /users with created_at');
            assert.match(text, /created_at/);
            assert.match(text, /created_at_after/);
            assert.match(text, /created_at_before/);
            assert.ok(result.structuredContent?.violations, `no violations: ${show(result)}`);
            assert.deepEqual(s.sent(), []);
        });
    });

    test('DELETE /users/{user_id}: preview, one confirmed call, replay refused', async () => {
        const id = userId();
        await withSession({ label: 'delete', scopes: 'write,delete' }, async (s) => {
            // Phase one: the warning and a token; nothing performed.
            const args = deleteUser(id);
            const first = await s.call('execute_request', args);
            const preview = assertPreview(first, 'the first DELETE');
            assert.match(preview.warning, /IRREVERSIBLE/);
            for (const destroyed of [
                /the user record/,
                /sessions/,
                /organization memberships/,
                /email addresses/,
                /phone numbers/,
                /external accounts/,
                /metadata/,
            ]) {
                assert.match(preview.warning, destroyed);
            }
            assert.equal(preview.request.method, 'DELETE');
            assert.equal(preview.request.path, `/v1/users/${id}`);
            assert.equal(preview.request.version, specVersion);
            assert.equal(preview.consequences?.irreversible, true);
            const expires = Date.parse(preview.expires_at);
            assert.match(preview.expires_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
            assert.ok(expires > Date.now() && expires <= Date.now() + 6 * 60_000, 'expires_at');
            assert.deepEqual(s.sent(), [], 'the preview sent a request');

            // Phase two: the identical request with the token reaches the mock once.
            const confirmed = await s.call('execute_request', {
                ...args,
                confirm_token: preview.confirm_token,
            });
            const done = structured(confirmed, 'the confirmed DELETE');
            assert.equal(done.status, 200, show(confirmed));
            let sent = s.sent();
            assert.equal(sent.length, 1, `requests sent: ${JSON.stringify(sent)}`);
            assert.equal(sent[0].method, 'DELETE');
            assert.equal(sent[0].url, `/v1/users/${id}`);
            assert.equal(sent[0].headers['clerk-api-version'], specVersion);

            // The same token again: refused with a fresh preview, nothing sent.
            const replay = await s.call('execute_request', {
                ...args,
                confirm_token: preview.confirm_token,
            });
            assertRefusedToken(replay, preview.confirm_token, /already used/, 'the replay');
            sent = s.sent();
            assert.equal(sent.length, 1, 'the replayed token sent the request again');
        });
    });

    test('a token used for another user_id is refused with that request previewed', async () => {
        const [first, other] = [userId(), userId('other')];
        await withSession({ label: 'altered', scopes: 'write,delete' }, async (s) => {
            const preview = assertPreview(await s.call('execute_request', deleteUser(first)), 'A');
            const altered = await s.call(
                'execute_request',
                deleteUser(other, { confirm_token: preview.confirm_token }),
            );
            const fresh = assertRefusedToken(
                altered,
                preview.confirm_token,
                /different request/,
                'the altered user_id',
            );
            assert.equal(fresh.request.path, `/v1/users/${other}`);
            assert.match(fresh.warning, /IRREVERSIBLE/);
            assert.deepEqual(s.sent(), []);
        });
    });

    test('a token used with another body is refused with that body previewed', async () => {
        const id = userId();
        await withSession({ label: 'body', scopes: 'write' }, async (s) => {
            const args = {
                method: 'PATCH',
                path: '/users/{user_id}',
                path_params: { user_id: id },
            };
            const preview = assertPreview(
                await s.call('execute_request', { ...args, body: { first_name: 'Ada' } }),
                'PATCH with Ada',
            );
            assert.deepEqual(preview.request.body, { first_name: 'Ada' });
            const altered = await s.call('execute_request', {
                ...args,
                body: { first_name: 'Eve' },
                confirm_token: preview.confirm_token,
            });
            const fresh = assertRefusedToken(
                altered,
                preview.confirm_token,
                /different request/,
                'the altered body',
            );
            assert.deepEqual(fresh.request.body, { first_name: 'Eve' });
            assert.deepEqual(s.sent(), []);
        });
    });

    test('a token the server never issued is refused; nothing is sent', async () => {
        await withSession({ label: 'forged', scopes: 'write,delete' }, async (s) => {
            const result = await s.call(
                'execute_request',
                deleteUser(userId(), { confirm_token: 'not-a-token' }),
            );
            assertRefusedToken(result, 'not-a-token', /not one this server issued|not verify/, 'x');
            assert.deepEqual(s.sent(), []);
        });
    });

    test('path values are percent-encoded on the wire', async () => {
        const raw = `usr:ä+1@x_${randomBytes(3).toString('hex')}`;
        const encoded = encodeURIComponent(raw).replace(/[!'()*]/g, (c) =>
            `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
        );
        await withSession({ label: 'encoded', scopes: 'write,delete' }, async (s) => {
            const args = deleteUser(raw);
            const preview = assertPreview(await s.call('execute_request', args), 'preview');
            assert.equal(preview.request.path, `/v1/users/${encoded}`);
            const done = await s.call('execute_request', {
                ...args,
                confirm_token: preview.confirm_token,
            });
            structured(done, 'the confirmed DELETE');
            const sent = s.sent();
            assert.equal(sent.length, 1);
            assert.equal(sent[0].url, `/v1/users/${encoded}`);
        });
    });

    test('hostile path values are refused before anything is sent', async () => {
        const hostile = ['../x', '..', 'a/b', 'a\\b', '%2f', 'a%2Fb', '', 'a\u0000b', 'a\nb',
            '\u007f', 'a b'];
        await withSession({ label: 'hostile', scopes: 'write,delete' }, async (s) => {
            for (const value of hostile) {
                for (const method of ['GET', 'DELETE']) {
                    const result = await s.call('execute_request', {
                        method,
                        path: '/users/{user_id}',
                        path_params: { user_id: value },
                    });
                    const what = `${method} with user_id ${JSON.stringify(value)}`;
                    const text = errorText(result, what);
                    assert.match(text, /user_id/, what);
                    assert.equal(result.structuredContent?.confirm_token, undefined, what);
                }
            }
            assert.deepEqual(s.sent(), []);
        });
    });
});

describe('scopes', { skip, timeout: 120_000 }, () => {
    const ban = (id) => ({
        method: 'POST',
        path: '/users/{user_id}/ban',
        path_params: { user_id: id },
    });

    test('without CLERK_BAPI_SCOPES a POST and a DELETE are refused, naming the setting',
        async () => {
            await withSession({ label: 'noscopes' }, async (s) => {
                const post = errorText(await s.call('execute_request', ban(userId())), 'POST');
                assert.match(post, /CLERK_BAPI_SCOPES=write\b/);
                assert.match(post, /Nothing was sent/);
                // A token-shaped argument does not get around the scope check.
                const del = await s.call(
                    'execute_request',
                    deleteUser(userId(), { confirm_token: 'x' }),
                );
                assert.match(errorText(del, 'DELETE'), /CLERK_BAPI_SCOPES=write,delete/);
                assert.equal(del.structuredContent?.missing_scope, true);
                assert.equal(del.structuredContent?.confirm_token, undefined);

                // GET needs no scope.
                structured(
                    await s.call('execute_request', { method: 'GET', path: '/users' }),
                    'GET /users without scopes',
                );
                assert.deepEqual(s.sent().map((r) => r.method), ['GET']);
            });
        });

    test('scope names are whole words, not substrings', async () => {
        await withSession({ label: 'substr', scopes: 'writes,undelete' }, async (s) => {
            const post = await s.call('execute_request', ban(userId()));
            assert.match(errorText(post, 'POST with "writes"'), /CLERK_BAPI_SCOPES=write\b/);
            assert.deepEqual(s.sent(), []);
        });
    });

    test('write allows a POST preview but not a DELETE', async () => {
        await withSession({ label: 'write', scopes: 'write' }, async (s) => {
            const preview = assertPreview(await s.call('execute_request', ban(userId())), 'ban');
            assert.match(preview.warning, /POST \/users\/\{user_id\}\/ban/);
            const del = await s.call('execute_request', deleteUser(userId()));
            const text = errorText(del, 'DELETE with write only');
            assert.match(text, /not granted delete/);
            assert.match(text, /CLERK_BAPI_SCOPES=write,delete/);
            assert.deepEqual(s.sent(), []);
        });
    });

    test('write,delete allows a DELETE preview', async () => {
        await withSession({ label: 'writedelete', scopes: ' Write , DELETE ' }, async (s) => {
            assertPreview(await s.call('execute_request', deleteUser(userId())), 'DELETE');
            assert.deepEqual(s.sent(), []);
        });
    });

    test('--admin lifts the scope check but still asks for confirmation', async () => {
        const id = userId();
        await withSession({ label: 'admin', args: ['--admin'] }, async (s) => {
            assert.match(s.client.getInstructions() ?? '', /ADMIN MODE/);
            const preview = assertPreview(await s.call('execute_request', deleteUser(id)), 'DEL');
            assert.deepEqual(s.sent(), [], 'admin mode sent a write without confirmation');
            structured(
                await s.call(
                    'execute_request',
                    deleteUser(id, { confirm_token: preview.confirm_token }),
                ),
                'the confirmed DELETE in admin mode',
            );
            assert.deepEqual(
                s.sent().map((r) => `${r.method} ${r.url}`),
                [`DELETE /v1/users/${id}`],
            );
        });
    });
});

describe('confirmation by elicitation', { skip, timeout: 120_000 }, () => {
    // Each test queues the answers its client gives and collects the questions it was asked.
    function scriptedAnswers(answers) {
        const asked = [];
        return {
            asked,
            elicit: async (params) => {
                asked.push(params);
                const answer = answers.shift();
                assert.ok(answer, 'the server asked more questions than expected');
                return answer;
            },
        };
    }

    test('accept executes the write once', async () => {
        const id = userId();
        const script = scriptedAnswers([{ action: 'accept', content: { confirm: true } }]);
        const options = { label: 'accept', scopes: 'write,delete', elicit: script.elicit };
        await withSession(options, async (s) => {
            const result = await s.call('execute_request', deleteUser(id));
            const done = structured(result, 'the accepted DELETE');
            assert.equal(done.status, 200);
            assert.equal(script.asked.length, 1);
            const [question] = script.asked;
            assert.equal(question.mode, 'form');
            assert.match(question.message, /IRREVERSIBLE/);
            assert.match(question.message, new RegExp(`/v1/users/${id}`));
            assert.equal(question.requestedSchema.properties.confirm.type, 'boolean');
            assert.deepEqual(
                s.sent().map((r) => `${r.method} ${r.url}`),
                [`DELETE /v1/users/${id}`],
            );
        });
    });

    test('decline, cancel and an unticked box are distinct refusals; nothing is sent',
        async () => {
            const script = scriptedAnswers([
                { action: 'decline' },
                { action: 'cancel' },
                { action: 'accept', content: { confirm: false } },
            ]);
            const options = { label: 'refuse', scopes: 'write,delete', elicit: script.elicit };
            await withSession(options, async (s) => {
                const declined = await s.call('execute_request', deleteUser(userId()));
                const declinedText = errorText(declined, 'the declined DELETE');
                assert.equal(declined.structuredContent?.status, 'declined');
                assert.match(declinedText, /declined/);

                const cancelled = await s.call('execute_request', deleteUser(userId()));
                const cancelledText = errorText(cancelled, 'the cancelled DELETE');
                assert.equal(cancelled.structuredContent?.status, 'cancelled');
                assert.match(cancelledText, /cancelled/);
                assert.notEqual(cancelledText, declinedText);

                const unticked = await s.call('execute_request', deleteUser(userId()));
                errorText(unticked, 'the DELETE accepted with confirm=false');
                assert.equal(unticked.structuredContent?.status, 'declined');

                assert.equal(script.asked.length, 3);
                assert.deepEqual(s.sent(), []);
            });
        });
});
