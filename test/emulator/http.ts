// Small HTTP helpers shared by the vault, ARM and control endpoints.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KvReply } from './errors';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Headers the service sets on every JSON response (PROTOCOL.md §2.2). */
export function serviceHeaders(req: IncomingMessage): Record<string, string> {
  const h: Record<string, string> = {
    'Cache-Control': 'no-cache',
    Pragma: 'no-cache',
    Expires: '-1',
    'Strict-Transport-Security': 'max-age=31536000;includeSubDomains',
    'X-Content-Type-Options': 'nosniff',
    'x-ms-request-id': randomUUID(),
    'x-ms-keyvault-region': 'westus',
    'x-ms-keyvault-service-version': '1.9.3070.1',
    'x-ms-keyvault-network-info': `conn_type=Ipv4;addr=${req.socket.remoteAddress ?? '127.0.0.1'};act_addr_fam=InterNetwork;`,
  };
  const clientRequestId = req.headers['x-ms-client-request-id'];
  if (typeof clientRequestId === 'string') {
    h['x-ms-client-request-id'] = clientRequestId;
  }
  return h;
}

export function writeReply(
  req: IncomingMessage,
  res: ServerResponse,
  reply: KvReply,
  extra?: Readonly<Record<string, string>>,
): void {
  const headers: Record<string, string> = { ...serviceHeaders(req), ...extra, ...reply.headers };
  if (reply.body === undefined) {
    // 204: no Content-Type and no Content-Length, as the service sends it.
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
  headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = String(payload.length);
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** Reads the whole body; undefined when empty. Rejects when it is larger than the limit. */
export function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(size === 0 ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Accepts `Bearer <anything non-empty>`. */
export function hasBearer(req: IncomingMessage): boolean {
  const auth = req.headers.authorization;
  return typeof auth === 'string' && /^Bearer\s+\S+/i.test(auth);
}

/** The claims of a JWT bearer token (unsigned is fine: this is a local test server); {} for any other token. */
export function tokenClaims(req: IncomingMessage): { tid?: unknown; upn?: unknown; amr?: unknown; oid?: unknown } {
  const payload = /^Bearer\s+[\w-]+\.([\w-]+)\.[\w-]*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (payload === undefined) return {};
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? claims : {};
  } catch {
    return {};
  }
}

/** The origin the client used, when it is one of this server's loopback names; else the fallback. */
export function originOf(req: IncomingMessage, fallback: string, port: number): string {
  const host = req.headers.host;
  if (typeof host === 'string') {
    const m = /^(127\.0\.0\.1|localhost|\[::1\])(?::(\d+))?$/i.exec(host);
    if (m && (m[2] === undefined ? port === 443 : Number(m[2]) === port)) {
      return `https://${host.toLowerCase()}`;
    }
  }
  return fallback;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
