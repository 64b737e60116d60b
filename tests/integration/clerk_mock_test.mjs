// Checks the local Clerk mock that scripts/test starts for the integration tests: Prism serving
// the latest BAPI spec under /v1, behind the recording proxy. If this fails, the integration
// tests of clerk-mcp would be testing against the wrong thing.
//
// Needs CLERK_MCP_TEST_CLERK_URL and CLERK_MCP_TEST_REQUEST_LOG (set by scripts/test).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

const clerkUrl = process.env.CLERK_MCP_TEST_CLERK_URL;
const requestLog = process.env.CLERK_MCP_TEST_REQUEST_LOG;

function recordedRequests() {
    return readFileSync(requestLog, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
}

describe('local Clerk mock', { skip: !clerkUrl && 'run through scripts/test' }, () => {
    test('serves the spec under /v1 and refuses a request without a key', async () => {
        const answer = await fetch(`${clerkUrl}/v1/users?limit=1`);
        assert.equal(answer.status, 401);
        const body = await answer.json();
        assert.ok(Array.isArray(body.errors), JSON.stringify(body));
    });

    test('answers an authorised list request with a user array', async () => {
        const answer = await fetch(`${clerkUrl}/v1/users?limit=2&offset=0`, {
            headers: { authorization: 'Bearer sk_test_mock' },
        });
        assert.equal(answer.status, 200);
        const users = await answer.json();
        assert.ok(Array.isArray(users), JSON.stringify(users).slice(0, 200));
    });

    test('does not serve paths outside /v1', async () => {
        const answer = await fetch(`${clerkUrl}/users`, {
            headers: { authorization: 'Bearer sk_test_mock' },
        });
        assert.equal(answer.status, 404);
    });

    test('records the raw path, query and headers of every request', async () => {
        const marker = `marker_${Date.now()}`;
        await fetch(`${clerkUrl}/v1/users?email_address=${marker}`, {
            headers: { authorization: 'Bearer sk_test_mock', 'user-agent': 'recording-check' },
        });
        const seen = recordedRequests().find((request) => request.url.includes(marker));
        assert.ok(seen, 'the request was not recorded');
        assert.equal(seen.method, 'GET');
        assert.equal(seen.url, `/v1/users?email_address=${marker}`);
        assert.equal(seen.headers['user-agent'], 'recording-check');
    });
});
