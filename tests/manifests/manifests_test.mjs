// Checks the host configurations in manifests/: each parses, starts the executable the build
// produces, passes the agreed flags, and hands over the Clerk secret only by reference, in the
// syntax its host expands. Run with `node --test tests/manifests/`.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const manifestDir = join(repo, 'manifests');

const executable = 'clerk-mcp';
// The flags every manifest passes. None by default: read-only unless CLERK_BAPI_SCOPES says
// otherwise; --admin is an operator's deliberate choice and stays out of shipped configs.
const agreedArgs = [];
const secretName = 'CLERK_SECRET_KEY';

// How each host config refers to the secret. Claude Desktop expands nothing in its config, so it
// passes no env block and the server inherits the variable from the app's environment.
const hosts = {
    'claude_desktop_config.json': { root: 'mcpServers', secretRef: null },
    '.mcp.json': { root: 'mcpServers', secretRef: /^\$\{CLERK_SECRET_KEY\}$/ },
    'cursor-mcp.json': { root: 'mcpServers', secretRef: /^\$\{env:CLERK_SECRET_KEY\}$/ },
    'vscode-mcp.json': { root: 'servers', secretRef: /^\$\{input:([\w.-]+)\}$/ },
};

function readJson(name) {
    return JSON.parse(readFileSync(join(manifestDir, name), 'utf8'));
}

// Every string in `value`, with its location, for the literal-secret scan.
function strings(value, path = '', found = []) {
    if (typeof value === 'string') {
        found.push([path, value]);
    } else if (value !== null && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
            strings(item, `${path}/${key}`, found);
        }
    }
    return found;
}

// A Clerk secret key looks like sk_test_ or sk_live_ followed by a long random tail; an
// explanatory "sk_test_..." in a description is not one.
const literalKey = /sk_(test|live)_[A-Za-z0-9]{8,}/;

describe('manifests', () => {
    const files = readdirSync(manifestDir).filter((name) => name.endsWith('.json'));

    test('the directory holds every host config and the registry entry', () => {
        assert.deepEqual(files.sort(), [...Object.keys(hosts), 'server.json'].sort());
    });

    test('the executable they name is the one CMake builds', () => {
        const cmake = readFileSync(join(repo, 'CMakeLists.txt'), 'utf8');
        assert.match(cmake, new RegExp(`add_executable\\(${executable}\\b`));
    });

    for (const name of files) {
        test(`${name} parses and carries no literal secret key`, () => {
            const manifest = readJson(name);
            for (const [path, text] of strings(manifest)) {
                assert.doesNotMatch(text, literalKey, `${name}${path}`);
            }
        });
    }

    for (const [name, host] of Object.entries(hosts)) {
        test(`${name} starts ${executable} with the agreed flags`, () => {
            const servers = readJson(name)[host.root];
            assert.deepEqual(Object.keys(servers), ['clerk']);
            const server = servers.clerk;
            assert.equal(server.command, executable);
            assert.deepEqual(server.args ?? [], agreedArgs);
            if ('type' in server) {
                assert.equal(server.type, 'stdio');
            }
        });

        test(`${name} passes the secret only by reference`, () => {
            const manifest = readJson(name);
            const env = manifest[host.root].clerk.env ?? {};
            for (const [key, value] of Object.entries(env)) {
                assert.match(value, /^\$\{[^}]+\}$/, `${key} is not a reference`);
            }
            if (host.secretRef === null) {
                assert.equal(env[secretName], undefined);
                return;
            }
            const reference = host.secretRef.exec(env[secretName] ?? '');
            assert.ok(reference, `${secretName} = ${env[secretName]}`);
            if (name === 'vscode-mcp.json') {
                const input = manifest.inputs?.find((item) => item.id === reference[1]);
                assert.ok(input, `no input named ${reference[1]}`);
                assert.equal(input.type, 'promptString');
                assert.equal(input.password, true, 'the key prompt must mask what is typed');
            }
        });
    }

    test('server.json is a registry entry that keeps the secret secret', () => {
        const entry = readJson('server.json');
        assert.match(entry.$schema, /\/schemas\/\d{4}-\d{2}-\d{2}\/server\.schema\.json$/);
        assert.match(entry.name, /^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/);
        assert.match(entry.name, new RegExp(`/${executable}$`));
        assert.ok(entry.description.length >= 1 && entry.description.length <= 100);
        assert.match(entry.version, /^\d+\.\d+\.\d+$/);
        const cmake = readFileSync(join(repo, 'CMakeLists.txt'), 'utf8');
        assert.match(cmake, new RegExp(`project\\(clerk_mcp VERSION ${entry.version.replaceAll('.', '\\.')}\\b`));

        assert.equal(entry.packages.length, 1);
        const [pkg] = entry.packages;
        assert.equal(pkg.transport.type, 'stdio');
        assert.deepEqual((pkg.packageArguments ?? []).map((arg) => arg.name ?? arg.value), agreedArgs);
        const secret = pkg.environmentVariables.find((variable) => variable.name === secretName);
        assert.ok(secret, `${secretName} is not declared`);
        assert.equal(secret.isSecret, true);
        assert.equal(secret.value, undefined, 'a secret must not carry a fixed value');
        assert.equal(secret.default, undefined, 'a secret must not carry a default');
        assert.equal(
            entry._meta['io.modelcontextprotocol.registry/publisher-provided'].command,
            executable,
        );
    });
});
