// The control API (plain HTTP, JSON, 127.0.0.1): the Emulator interface for other processes.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { accessControl } from './accessControl';
import { validateFault, type FaultSpec } from './faults';
import { readBody } from './http';
import { ALL_PERMISSIONS, type TenantSeed, type VaultSeed } from './seed';
import { emulatorState, type Emulator } from './server';

function json(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

function validatePermissions(v: unknown): string | undefined {
  if (v === null) {
    return undefined;
  }
  if (typeof v !== 'object') {
    return 'permissions must be an object or null';
  }
  const p = v as Record<string, unknown>;
  for (const k of ['deny', 'allow'] as const) {
    const list = p[k];
    if (
      list !== undefined &&
      (!Array.isArray(list) ||
        !list.every((x) => typeof x === 'string' && (ALL_PERMISSIONS as readonly string[]).includes(x)))
    ) {
      return `${k} must be a list of ${ALL_PERMISSIONS.join(', ')}`;
    }
  }
  if (p.model !== undefined && p.model !== 'accessPolicy' && p.model !== 'rbac' && p.model !== 'firewall') {
    return 'model must be accessPolicy, rbac or firewall';
  }
  return undefined;
}

export async function handleControl(emulator: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  let body: unknown;
  try {
    const buf = await readBody(req);
    body = buf === undefined ? undefined : (JSON.parse(buf.toString('utf8')) as unknown);
  } catch {
    json(res, 400, { error: 'body is not valid JSON' });
    return;
  }
  const path = url.pathname.replace(/\/+$/, '');
  try {
    const access = accessControl(emulator, method, path, body);
    if (access !== undefined) {
      json(res, access.status, access.body);
    } else if (method === 'GET' && path === '/state') {
      json(res, 200, emulatorState(emulator));
    } else if (method === 'GET' && path === '/apps/value-listings') {
      json(res, 200, { count: emulator.valueListings?.() ?? 0 });
    } else if (method === 'POST' && path === '/apps') {
      if (typeof body !== 'object' || body === null || emulator.addApps === undefined) {
        json(res, 400, { error: 'an apps seed ({ sites?, containerApps? }) is required' });
        return;
      }
      emulator.addApps(body);
      json(res, 200, {});
    } else if (method === 'GET' && path === '/counts') {
      json(res, 200, emulator.counts(url.searchParams.get('vault') ?? undefined));
    } else if (method === 'POST' && path === '/counts/reset') {
      emulator.resetCounts();
      json(res, 200, {});
    } else if (method === 'POST' && path === '/faults') {
      const err = validateFault(body);
      if (err) {
        json(res, 400, { error: err });
        return;
      }
      emulator.injectFault(body as FaultSpec);
      json(res, 200, {});
    } else if (method === 'DELETE' && path === '/faults') {
      emulator.clearFaults();
      json(res, 200, {});
    } else if (method === 'PUT' && path.startsWith('/permissions/')) {
      const vault = decodeURIComponent(path.slice('/permissions/'.length));
      const value = body === undefined ? null : body;
      const err = validatePermissions(value);
      if (err) {
        json(res, 400, { error: err });
        return;
      }
      if (!(vault in emulator.vaults)) {
        json(res, 404, { error: `no vault named ${vault}` });
        return;
      }
      emulator.setPermissions(vault, value === null ? undefined : value);
      json(res, 200, {});
    } else if (method === 'POST' && path === '/tenants') {
      const t = body as { tenantId?: unknown };
      if (typeof body !== 'object' || body === null || typeof t.tenantId !== 'string') {
        json(res, 400, { error: 'a tenant seed with a tenantId is required' });
        return;
      }
      if (emulator.addTenant === undefined) {
        json(res, 404, { error: 'this server has no tenants to add' });
        return;
      }
      emulator.addTenant(body as TenantSeed);
      json(res, 200, {});
    } else if (method === 'DELETE' && path.startsWith('/tenants/')) {
      emulator.removeTenant?.(decodeURIComponent(path.slice('/tenants/'.length)));
      json(res, 200, {});
    } else if (method === 'POST' && path === '/vaults') {
      if (typeof body !== 'object' || body === null || typeof (body as { name?: unknown }).name !== 'string') {
        json(res, 400, { error: 'a vault seed with a name is required' });
        return;
      }
      json(res, 200, await emulator.addVault(body as VaultSeed));
    } else {
      json(res, 404, { error: `no control route ${method} ${url.pathname}` });
    }
  } catch (err) {
    json(res, 400, { error: err instanceof Error ? err.message : String(err) });
  }
}
