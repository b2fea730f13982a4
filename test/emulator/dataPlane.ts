// The vault origin: challenge, routing, faults, permissions, then the operation.

import type { IncomingMessage, ServerResponse } from 'node:http';
import forge from 'node-forge';
import type { AccessRegistry } from './accessRules';
import {
  CHALLENGE_MESSAGE,
  badParameter,
  forbidden,
  invalidName,
  kvError,
  methodNotAllowed,
  serviceUnavailable,
  throttled,
  type KvReply,
} from './errors';
import { CK_PERMISSION_OF, isCkOperation, routeCertsKeys, type CkOperationId } from './certsKeysRoutes';
import type { Counters, FaultSpec, FaultTable } from './faults';
import { hasBearer, originOf, readBody, sleep, writeReply } from './http';
import type { Permission } from './seed';
import { NAME_RULE, type ListQuery, type Vault } from './vault';

/** api-versions accepted: every version @azure/keyvault-secrets 4.x can send, and the spec's previews. */
export const API_VERSIONS: readonly string[] = [
  '7.0',
  '7.1',
  '7.2',
  '7.3',
  '7.4',
  '7.5',
  '7.6-preview.1',
  '7.6-preview.2',
  '7.6',
  '2025-06-01-preview',
  '2025-06-01',
  '2025-07-01',
  '2026-01-01-preview',
  '2026-03-01-preview',
  '2026-04-01',
];
export const LATEST_API_VERSION = '2026-04-01';
/** outContentType and previousVersion exist from this version on. */
const FEATURES_2025_07_01 = '2025-07-01';
/** api-versions whose attributes have no `recoverableDays` (recorded at 7.0; it arrived with 7.1). */
const WITHOUT_RECOVERABLE_DAYS: readonly string[] = ['7.0'];

/** A reply as an older api-version shapes it: the attributes of the bundle or of each list item lose `recoverableDays`. */
function shapedFor(apiVersion: string, reply: KvReply): KvReply {
  if (!WITHOUT_RECOVERABLE_DAYS.includes(apiVersion) || typeof reply.body !== 'object' || reply.body === null) {
    return reply;
  }
  // Field order stays as the newer version writes it.
  const strip = (o: unknown): unknown => {
    if (typeof o !== 'object' || o === null) return o;
    const fields = Object.entries(o).map(([k, v]) => {
      if (k !== 'attributes' || typeof v !== 'object' || v === null) return [k, v] as const;
      const { recoverableDays: _dropped, ...kept } = v as Record<string, unknown>;
      return [k, kept] as const;
    });
    return Object.fromEntries(fields);
  };
  const body = reply.body as { value?: unknown };
  const shaped = Array.isArray(body.value) ? { ...body, value: body.value.map(strip) } : strip(body);
  return { ...reply, body: shaped };
}

export type OperationId =
  | 'SetSecret'
  | 'GetSecret'
  | 'UpdateSecret'
  | 'DeleteSecret'
  | 'GetSecrets'
  | 'GetSecretVersions'
  | 'GetDeletedSecrets'
  | 'GetDeletedSecret'
  | 'PurgeDeletedSecret'
  | 'RecoverDeletedSecret'
  | 'BackupSecret'
  | 'RestoreSecret';

const PERMISSION_OF: Readonly<Record<OperationId, Permission>> = {
  SetSecret: 'set',
  UpdateSecret: 'set',
  GetSecret: 'get',
  GetDeletedSecret: 'get',
  GetSecrets: 'list',
  GetSecretVersions: 'list',
  GetDeletedSecrets: 'list',
  DeleteSecret: 'delete',
  PurgeDeletedSecret: 'purge',
  RecoverDeletedSecret: 'recover',
  BackupSecret: 'backup',
  RestoreSecret: 'restore',
};

interface Route {
  readonly op: OperationId | CkOperationId | 'MethodNotAllowed' | 'NotFound';
  readonly name?: string;
  readonly version?: string;
}

export interface SharedContext {
  readonly tenantId: string;
  readonly counters: Counters;
  readonly faults: FaultTable;
  /** The access rules of guarded vaults (network rules, RBAC, access policies); absent = every vault open. */
  readonly access?: AccessRegistry;
}

function route(method: string, path: string): Route | KvReply {
  const raw = path.split('/').slice(1);
  let seg: string[];
  try {
    seg = raw.map((s) => decodeURIComponent(s));
  } catch {
    return badParameter('The request URI is invalid.');
  }
  const [collection, name, third, fourth] = seg;
  const n = seg.length;
  if (collection === 'secrets') {
    if (n === 1 || (n === 2 && name === '')) {
      return method === 'GET' ? { op: 'GetSecrets' } : { op: 'MethodNotAllowed' };
    }
    if (n === 2 && name === 'restore' && method === 'POST') {
      return { op: 'RestoreSecret' };
    }
    if (n === 2 || (n === 3 && third === '')) {
      switch (method) {
        case 'PUT':
          return { op: 'SetSecret', name };
        case 'GET':
          return { op: 'GetSecret', name };
        case 'PATCH':
          return { op: 'UpdateSecret', name };
        case 'DELETE':
          return n === 2 ? { op: 'DeleteSecret', name } : { op: 'MethodNotAllowed' };
        default:
          return { op: 'MethodNotAllowed' };
      }
    }
    if (n === 3 && third === 'versions' && method === 'GET') {
      return { op: 'GetSecretVersions', name };
    }
    if (n === 3 && third === 'backup' && method === 'POST') {
      return { op: 'BackupSecret', name };
    }
    if (n === 3 || (n === 4 && fourth === '')) {
      switch (method) {
        case 'GET':
          return { op: 'GetSecret', name, version: third };
        case 'PATCH':
          return { op: 'UpdateSecret', name, version: third };
        default:
          return { op: 'MethodNotAllowed' };
      }
    }
    return { op: 'NotFound' };
  }
  if (collection === 'deletedsecrets') {
    if (n === 1 || (n === 2 && name === '')) {
      return method === 'GET' ? { op: 'GetDeletedSecrets' } : { op: 'MethodNotAllowed' };
    }
    if (n === 2) {
      switch (method) {
        case 'GET':
          return { op: 'GetDeletedSecret', name };
        case 'DELETE':
          return { op: 'PurgeDeletedSecret', name };
        default:
          return { op: 'MethodNotAllowed' };
      }
    }
    if (n === 3 && third === 'recover') {
      return method === 'POST' ? { op: 'RecoverDeletedSecret', name } : { op: 'MethodNotAllowed' };
    }
  }
  return routeCertsKeys(method, seg) ?? { op: 'NotFound' };
}

function isReply(v: Route | KvReply): v is KvReply {
  return typeof (v as { status?: unknown }).status === 'number';
}

/** Converts a base64 PKCS#12 (no password) into PEM: certificates, then the private key. */
export function pfxToPem(pfxBase64: string): string | undefined {
  try {
    const asn1 = forge.asn1.fromDer(forge.util.decode64(pfxBase64));
    let p12: forge.pkcs12.Pkcs12Pfx;
    try {
      p12 = forge.pkcs12.pkcs12FromAsn1(asn1, '');
    } catch {
      // A PFX written without any password (no MAC) only opens with none.
      p12 = forge.pkcs12.pkcs12FromAsn1(asn1);
    }
    const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
    const keyBags = [
      ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
      ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
    ];
    let pem = '';
    for (const b of certBags) {
      if (b.cert) {
        pem += forge.pki.certificateToPem(b.cert);
      }
    }
    for (const b of keyBags) {
      if (b.key) {
        pem += forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(b.key)));
      }
    }
    // forge writes CRLF; the service's PEM uses LF (PROTOCOL.md §1.4 GetSecretWithPEMConversion).
    return pem === '' ? undefined : pem.replace(/\r\n/g, '\n');
  } catch {
    return undefined;
  }
}

/**
 * Applies the faults due for a request. Returns true when the request has been answered
 * (or dropped, or left hanging) and must not be handled further.
 */
export async function applyFaults(
  req: IncomingMessage,
  res: ServerResponse,
  faults: readonly FaultSpec[],
): Promise<boolean> {
  for (const f of faults) {
    switch (f.kind) {
      case 'latency':
        await sleep(f.ms);
        break;
      case '429':
      case '503': {
        req.resume();
        const headers: Record<string, string> = {};
        if (f.retryAfterSeconds !== undefined) {
          headers['Retry-After'] = String(f.retryAfterSeconds);
        }
        if (f.retryAfterMs !== undefined) {
          headers['retry-after-ms'] = String(f.retryAfterMs);
          headers['x-ms-retry-after-ms'] = String(f.retryAfterMs);
        }
        const reply = f.kind === '429' ? throttled() : serviceUnavailable();
        writeReply(req, res, { ...reply, headers });
        return true;
      }
      case 'drop':
        req.socket.destroy();
        return true;
      case 'dropAfter':
        // Applied after the operation (createVaultHandler's answer): the change happens, the answer is lost.
        break;
      case 'hang':
        // Never answer; the socket is closed when the emulator stops.
        req.resume();
        return true;
    }
  }
  return false;
}

export function challengeReply(tenantId: string): KvReply {
  return {
    ...kvError(401, 'Unauthorized', CHALLENGE_MESSAGE),
    headers: {
      'WWW-Authenticate': `Bearer authorization="https://login.microsoftonline.com/${tenantId}", resource="https://vault.azure.net"`,
    },
  };
}

function isDenied(vault: Vault, permission: Permission): boolean {
  const p = vault.permissions;
  if (!p) {
    return false;
  }
  if (p.deny?.includes(permission)) {
    return true;
  }
  if (p.allow && !p.allow.includes(permission)) {
    return true;
  }
  return p.model === 'firewall' && p.deny === undefined && p.allow === undefined;
}

export function createVaultHandler(vault: Vault, ctx: SharedContext, fallbackOrigin: () => string, port: () => number) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // 1. The challenge: before the body is read or the route looked at.
    if (!hasBearer(req)) {
      ctx.counters.bump(vault.name, 'Challenge');
      req.resume();
      writeReply(req, res, challengeReply(ctx.tenantId));
      return;
    }
    const origin = originOf(req, fallbackOrigin(), port());
    const url = new URL(req.url ?? '/', origin);
    const method = (req.method ?? 'GET').toUpperCase();
    const r = route(method, url.pathname);
    const op = isReply(r) ? 'BadRequest' : r.op;
    ctx.counters.bump(vault.name, op);
    const due = ctx.faults.take(vault.name, op);
    if (await applyFaults(req, res, due)) {
      return;
    }
    const dropAfter = due.some((f) => f.kind === 'dropAfter');
    const rbacHeader: Record<string, string> =
      vault.permissions?.model === 'rbac'
        ? { 'x-ms-keyvault-rbac-assignment-id': '8f3b2c1a-6d5e-4f7a-9b0c-1d2e3f4a5b6c' }
        : {};
    const answer = (reply: KvReply, extra: Record<string, string> = rbacHeader): void => {
      if (dropAfter && reply.status < 400) {
        req.socket.destroy();
        return;
      }
      req.resume();
      writeReply(req, res, reply, extra);
    };
    if (isReply(r)) {
      answer(r);
      return;
    }
    if (r.op === 'MethodNotAllowed') {
      answer(methodNotAllowed(method), {});
      return;
    }
    if (r.op === 'NotFound') {
      answer(kvError(404, 'NotFound', `The requested path ${url.pathname} was not found.`));
      return;
    }
    const apiVersion = url.searchParams.get('api-version');
    if (apiVersion === null || apiVersion === '') {
      answer(badParameter('The api-version query parameter is missing.'));
      return;
    }
    if (!API_VERSIONS.includes(apiVersion)) {
      answer(
        badParameter(
          `The specified version (${apiVersion}) is not recognized. Consider using the latest supported version (${LATEST_API_VERSION}).`,
        ),
      );
      return;
    }
    const permission = isCkOperation(r.op) ? CK_PERMISSION_OF[r.op] : PERMISSION_OF[r.op];
    if (isDenied(vault, permission)) {
      answer(
        forbidden({
          model: vault.permissions?.model ?? 'accessPolicy',
          permission,
          vault: vault.name,
          location: vault.location,
          tenantId: ctx.tenantId,
          resourceId: vault.resourceId,
          secret: r.name,
          clientAddress: req.socket.remoteAddress ?? '127.0.0.1',
        }),
        {},
      );
      return;
    }
    const refused = ctx.access?.refusal(vault, permission, req, r.name);
    if (refused !== undefined) {
      answer(refused, {});
      return;
    }
    if (r.name !== undefined && !NAME_RULE.test(r.name)) {
      answer(invalidName(r.name));
      return;
    }
    let body: unknown;
    try {
      const buf = await readBody(req);
      body = buf === undefined ? undefined : (JSON.parse(buf.toString('utf8')) as unknown);
    } catch {
      answer(badParameter('The request body is not valid JSON.'));
      return;
    }
    const q: ListQuery = {
      apiVersion,
      maxresults: url.searchParams.get('maxresults') ?? undefined,
      skiptoken: url.searchParams.get('$skiptoken') ?? undefined,
    };
    const name = r.name ?? '';
    const version = r.version === '' ? undefined : r.version;
    const has20250701 = apiVersion >= FEATURES_2025_07_01 && !apiVersion.startsWith('7.');
    let reply: KvReply;
    switch (r.op) {
      case 'SetSecret':
        reply = vault.setSecret(origin, name, body);
        break;
      case 'GetSecret': {
        const outContentType = has20250701 ? (url.searchParams.get('outContentType') ?? undefined) : undefined;
        reply = vault.getSecret(origin, name, version, { outContentType, previousVersion: has20250701 }, pfxToPem);
        break;
      }
      case 'UpdateSecret':
        reply = vault.updateSecret(origin, name, version, body);
        break;
      case 'DeleteSecret':
        reply = vault.deleteSecret(origin, name);
        break;
      case 'GetSecrets':
        reply = vault.getSecrets(origin, q);
        break;
      case 'GetSecretVersions':
        reply = vault.getSecretVersions(origin, name, q);
        break;
      case 'GetDeletedSecrets':
        reply = vault.getDeletedSecrets(origin, q);
        break;
      case 'GetDeletedSecret':
        reply = vault.getDeletedSecret(origin, name);
        break;
      case 'PurgeDeletedSecret':
        reply = vault.purgeDeletedSecret(name);
        break;
      case 'RecoverDeletedSecret':
        reply = vault.recoverDeletedSecret(origin, name);
        break;
      case 'BackupSecret':
        reply = vault.backupSecret(name);
        break;
      case 'RestoreSecret':
        reply = vault.restoreSecret(origin, body, has20250701);
        break;
      default:
        reply = vault.certsKeys.handle(r.op, { origin, name, version, body, query: q, params: url.searchParams });
    }
    answer(shapedFor(apiVersion, reply));
  };
}
