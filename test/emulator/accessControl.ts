// The control API's access calls (plain HTTP, JSON): guard a vault, read its access state, change the settings.

import type { AccessSettings } from './accessRules';
import { validateAccessSeed } from './accessSeed';
import type { Emulator } from './server';

function validateSettings(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'settings must be an object';
  const s = v as Record<string, unknown>;
  if (s.clientAddress !== undefined && (typeof s.clientAddress !== 'string' || s.clientAddress === '')) {
    return 'clientAddress must be a non-empty string';
  }
  const delay = s.roleAssignmentDelayMs;
  if (delay !== undefined && (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0)) {
    return 'roleAssignmentDelayMs must be a number of milliseconds, 0 or more';
  }
  if (s.armWritesDenied !== undefined && typeof s.armWritesDenied !== 'boolean')
    return 'armWritesDenied must be a boolean';
  return undefined;
}

/**
 * `PUT /access/settings` (AccessSettings, merged), `PUT /access/vaults/{vault}` (an AccessSeed: the vault becomes
 * guarded), `GET /access/vaults/{vault}` (its access properties and role assignments). Undefined: not an access call.
 */
export function accessControl(
  emulator: Emulator,
  method: string,
  path: string,
  body: unknown,
): { status: number; body: unknown } | undefined {
  if (method === 'PUT' && path === '/access/settings') {
    const err = validateSettings(body);
    if (err !== undefined) return { status: 400, body: { error: err } };
    emulator.setAccessSettings?.(body as AccessSettings);
    return { status: 200, body: {} };
  }
  if (!path.startsWith('/access/vaults/')) return undefined;
  const vault = decodeURIComponent(path.slice('/access/vaults/'.length));
  if (!(vault in emulator.vaults)) return { status: 404, body: { error: `no vault named ${vault}` } };
  if (method === 'GET') return { status: 200, body: emulator.accessOf?.(vault) ?? null };
  if (method === 'PUT') {
    const err = validateAccessSeed(body);
    if (err !== undefined) return { status: 400, body: { error: err } };
    emulator.guardVault?.(vault, body as Parameters<NonNullable<Emulator['guardVault']>>[1]);
    return { status: 200, body: {} };
  }
  return undefined;
}
