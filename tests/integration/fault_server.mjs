// Small misbehaving stand-ins for Clerk's API on 127.0.0.1 (ephemeral ports), for the
// upstream-fault tests. Each records the requests it received (method and raw URL, never a
// header value), so tests can count how often the server under test tried.

import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';

async function listen(server) {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return `http://127.0.0.1:${server.address().port}`;
}

// An HTTP server whose answers come from `respond(request, response, hitIndex)`; hitIndex
// counts from 0. Returns {url, hits, close()}: `hits` holds {method, url, bearer} per request,
// where `bearer` says only whether an Authorization: Bearer header came.
export async function startHttpFault(respond) {
    const hits = [];
    const server = createHttpServer((request, response) => {
        const index = hits.length;
        hits.push({
            method: request.method,
            url: request.url,
            bearer: /^Bearer \S+$/.test(request.headers.authorization ?? ''),
        });
        request.resume();
        request.on('end', () => respond(request, response, index));
    });
    const url = await listen(server);
    return {
        url,
        hits,
        close: async () => {
            server.closeAllConnections();
            server.close();
            await once(server, 'close');
        },
    };
}

// A TCP server that reads each request head and then hands the socket to
// `onRequest(socket, head)`, for answers no HTTP library would send (none at all, a cut body).
// Returns {url, hits, close()}; `hits` holds the request line of each request.
export async function startRawFault(onRequest) {
    const hits = [];
    const sockets = new Set();
    const server = createNetServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {});
        let received = '';
        socket.on('data', (chunk) => {
            received += chunk.toString('latin1');
            const end = received.indexOf('\r\n\r\n');
            if (end < 0) {
                return;
            }
            const head = received.slice(0, end);
            received = received.slice(end + 4);
            hits.push(head.split('\r\n')[0]);
            onRequest(socket, head);
        });
    });
    const url = await listen(server);
    return {
        url,
        hits,
        close: async () => {
            for (const socket of sockets) {
                socket.destroy();
            }
            server.close();
            await once(server, 'close');
        },
    };
}

// The URL of a loopback port nothing listens on: one the system just handed out and that was
// closed again.
export async function closedPortUrl() {
    const server = createNetServer();
    const url = await listen(server);
    server.close();
    await once(server, 'close');
    return url;
}

// A Clerk-shaped error body.
export function clerkErrorBody(code, message) {
    return JSON.stringify({
        errors: [{ code, message, long_message: `${message} (long form)` }],
        clerk_trace_id: 'trace_fault_server_0001',
    });
}
