// A fixed-answer stand-in for Clerk's GET /v1/users, used only by scripts/bench: the Prism mock
// spends milliseconds (with as much jitter) validating each request against the spec, which would
// hide a sub-millisecond figure, so the execute_request overhead is also measured against this
// stub, which answers in microseconds. It serves ten Clerk-shaped users (the page `limit=10`
// asks for) with 200 over keep-alive connections, answers 401 without a Bearer token as Clerk
// does, and 404 to any other path. It listens on 127.0.0.1 only.
//
// Usage: node tests/bench/users_stub.mjs --port N

import http from 'node:http';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({ options: { port: { type: 'string' } } });
const port = Number(options.port);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error('usage: users_stub.mjs --port N');
    process.exit(2);
}

// Fields and nesting as in Clerk's User object (2026-05-12 spec), with plausible values.
function user(i) {
    const created = 1767225600000 + i * 86_400_000;
    const emailId = `idn_2bench${String(i).padStart(4, '0')}email`;
    return {
        id: `user_2bench${String(i).padStart(4, '0')}aBcDeFgHiJkLmNoP`,
        object: 'user',
        external_id: null,
        primary_email_address_id: emailId,
        primary_phone_number_id: null,
        primary_web3_wallet_id: null,
        username: `bench_user_${i}`,
        first_name: 'Bench',
        last_name: `User ${i}`,
        image_url: 'https://img.example.invalid/eyJ0eXBlIjoiZGVmYXVsdCJ9',
        has_image: false,
        public_metadata: { plan: 'free' },
        private_metadata: {},
        unsafe_metadata: {},
        email_addresses: [{
            id: emailId,
            object: 'email_address',
            email_address: `bench.user.${i}@example.invalid`,
            reserved: false,
            verification: { status: 'verified', strategy: 'email_code', attempts: 1,
                            expire_at: created + 600_000 },
            linked_to: [],
            matches_sso_connection: false,
            created_at: created,
            updated_at: created,
        }],
        phone_numbers: [],
        web3_wallets: [],
        passkeys: [],
        password_enabled: true,
        two_factor_enabled: false,
        totp_enabled: false,
        backup_code_enabled: false,
        mfa_enabled_at: null,
        mfa_disabled_at: null,
        external_accounts: [],
        saml_accounts: [],
        enterprise_accounts: [],
        last_sign_in_at: created + 3_600_000,
        banned: false,
        locked: false,
        lockout_expires_in_seconds: null,
        verification_attempts_remaining: 100,
        delete_self_enabled: true,
        create_organization_enabled: true,
        last_active_at: created + 3_600_000,
        legal_accepted_at: null,
        created_at: created,
        updated_at: created,
    };
}

const usersBody = Buffer.from(JSON.stringify(Array.from({ length: 10 }, (_, i) => user(i))));

function clerkError(code, message) {
    return Buffer.from(JSON.stringify({
        errors: [{ message, long_message: message, code }],
        clerk_trace_id: 'bench-stub',
    }));
}

function send(response, status, body) {
    response.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': body.length,
    });
    response.end(body);
}

const server = http.createServer((request, response) => {
    // The body of a GET is not expected; draining it keeps the connection reusable.
    request.resume();
    const path = request.url.split('?', 1)[0];
    if (!/^Bearer \S+$/.test(request.headers.authorization ?? '')) {
        send(response, 401, clerkError('authorization_header_missing', 'Unauthenticated'));
    } else if (request.method === 'GET' && path === '/v1/users') {
        send(response, 200, usersBody);
    } else {
        send(response, 404, clerkError('resource_not_found', 'Not found'));
    }
});
// Clients of a benchmark may sit idle between rounds; the default 5 s would close on them.
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => {
    console.log(`users stub on 127.0.0.1:${port}, ${usersBody.length} bytes per answer`);
});

// Nothing to flush: a stop signal ends it at once, open keep-alive connections included.
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => process.exit(0));
}
