// Reading the deployed apps' ARM answers, which are untrusted: a resource id must be one of the shapes asked for (in
// the subscription asked about) before a request is built from it, a name or status must look like one, and a
// reference names its vault and secret by Key Vault's rules or is left out. Values are never read: the answers
// asked for (resource lists, configreferences) hold none.

import type { AppKind, AppUsage, SettingKind } from '../../shared/appUsage';
import { vaultHostOf } from '../../shared/appUsage';
import { isSecretName, isSecretVersion } from '../../shared/validation';
import { isVaultName } from '../../shared/vaultUrl';

export interface ArmApp {
  /** The resource id as ARM spelled it (checked): requests for the app are built from it. */
  readonly id: string;
  readonly name: string;
  readonly kind: AppKind;
  /** Container Apps: the Key Vault secrets their GET carries. */
  readonly containerSecrets?: readonly ContainerSecret[];
}

export interface ContainerSecret {
  readonly name: string;
  readonly vaultHost: string;
  readonly secretName: string;
  readonly secretVersion?: string;
  readonly identity?: string;
}

const SEGMENT = '[A-Za-z0-9._()-]{1,90}';
const APP_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,59}$/;
const SITE_ID = new RegExp(
  `^/subscriptions/([0-9a-fA-F-]{36})/resourceGroups/${SEGMENT}/providers/Microsoft\\.Web/sites/([A-Za-z0-9-]{1,60})$`,
  'i',
);
const SLOT_ID = new RegExp(
  `^/subscriptions/([0-9a-fA-F-]{36})/resourceGroups/${SEGMENT}/providers/Microsoft\\.Web/sites/[A-Za-z0-9-]{1,60}/slots/([A-Za-z0-9-]{1,60})$`,
  'i',
);
const CONTAINER_APP_ID = new RegExp(
  `^/subscriptions/([0-9a-fA-F-]{36})/resourceGroups/${SEGMENT}/providers/Microsoft\\.App/containerApps/([A-Za-z0-9-]{1,60})$`,
  'i',
);
/** A status or identity type: a word, as App Service writes them. */
const WORD = /^[A-Za-z][A-Za-z0-9, ]{0,63}$/;
const MAX_TEXT = 512;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown, max = MAX_TEXT): string | undefined {
  return typeof v === 'string' && v !== '' ? v.slice(0, max) : undefined;
}

/** The items of a list answer (`value`), and its nextLink when it has one. */
export function listPage(body: unknown): { items: unknown[]; nextLink?: string } {
  if (!isObject(body) || !Array.isArray(body.value)) return { items: [] };
  const next = typeof body.nextLink === 'string' && body.nextLink !== '' ? body.nextLink : undefined;
  return { items: body.value as unknown[], ...(next !== undefined ? { nextLink: next } : {}) };
}

/** A site (App Service app or Function App) of the subscription, or undefined when the item is not one. */
export function parseSite(item: unknown, subscriptionId: string): ArmApp | undefined {
  if (!isObject(item) || typeof item.id !== 'string') return undefined;
  const m = SITE_ID.exec(item.id);
  if (m === null || m[1]?.toLowerCase() !== subscriptionId.toLowerCase() || !APP_NAME.test(m[2] ?? ''))
    return undefined;
  const kind =
    typeof item.kind === 'string' && item.kind.toLowerCase().includes('functionapp') ? 'functionApp' : 'appService';
  return { id: item.id, name: m[2] ?? '', kind };
}

/** A slot of a site: its name (the part after the site's), or undefined. */
export function parseSlot(item: unknown, siteId: string): { id: string; name: string } | undefined {
  if (!isObject(item) || typeof item.id !== 'string') return undefined;
  const m = SLOT_ID.exec(item.id);
  if (m === null || !item.id.toLowerCase().startsWith(`${siteId.toLowerCase()}/slots/`)) return undefined;
  return { id: item.id, name: m[2] ?? '' };
}

/** The vault host, secret name and version a Key Vault secret URL names, or undefined. */
function secretUrlParts(url: string): { vaultHost: string; secretName: string; secretVersion?: string } | undefined {
  const host = vaultHostOf(url);
  if (host === undefined) return undefined;
  const parts = new URL(url).pathname.split('/').filter((p) => p !== '');
  if (parts[0]?.toLowerCase() !== 'secrets' || parts.length < 2 || parts.length > 3) return undefined;
  const [, name, version] = parts;
  if (name === undefined || !isSecretName(name)) return undefined;
  if (version !== undefined && !isSecretVersion(version)) return undefined;
  return { vaultHost: host, secretName: name, ...(version !== undefined ? { secretVersion: version } : {}) };
}

/** A container app with its Key Vault secrets (entries without keyVaultUrl are plain secrets: not ours). */
export function parseContainerApp(item: unknown, subscriptionId: string): ArmApp | undefined {
  if (!isObject(item) || typeof item.id !== 'string') return undefined;
  const m = CONTAINER_APP_ID.exec(item.id);
  if (m === null || m[1]?.toLowerCase() !== subscriptionId.toLowerCase() || !APP_NAME.test(m[2] ?? ''))
    return undefined;
  const configuration = isObject(item.properties) ? item.properties.configuration : undefined;
  const secrets = isObject(configuration) && Array.isArray(configuration.secrets) ? configuration.secrets : [];
  const containerSecrets: ContainerSecret[] = [];
  for (const s of secrets) {
    if (!isObject(s) || typeof s.keyVaultUrl !== 'string') continue;
    const name = text(s.name, 253);
    const parts = secretUrlParts(s.keyVaultUrl);
    if (name === undefined || parts === undefined) continue;
    const identity = text(s.identity);
    containerSecrets.push({ name, ...parts, ...(identity !== undefined ? { identity } : {}) });
  }
  return { id: item.id, name: m[2] ?? '', kind: 'containerApp', containerSecrets };
}

/** Where a setting is and how the app is linked; the scanner fills these. */
export interface UsagePlace {
  readonly app: ArmApp;
  readonly slot?: string;
  readonly settingKind: SettingKind;
  readonly portalUrl: string;
  readonly subscriptionId: string;
}

/** One configreferences item as an AppUsage, or undefined when it names no Key Vault secret by the rules. */
export function parseReference(item: unknown, place: UsagePlace): AppUsage | undefined {
  if (!isObject(item) || !isObject(item.properties)) return undefined;
  const p = item.properties;
  const setting = text(item.name, 253);
  if (setting === undefined) return undefined;
  const reference = typeof p.reference === 'string' ? p.reference : '';
  const uri = /SecretUri=([^;)\s]+)/i.exec(reference)?.[1];
  const fromUri = uri === undefined ? undefined : secretUrlParts(uri);
  const vaultName = typeof p.vaultName === 'string' && isVaultName(p.vaultName) ? p.vaultName : undefined;
  const secretName =
    typeof p.secretName === 'string' && isSecretName(p.secretName) ? p.secretName : fromUri?.secretName;
  if (secretName === undefined || (vaultName === undefined && fromUri === undefined)) return undefined;
  const version =
    typeof p.secretVersion === 'string' && isSecretVersion(p.secretVersion) ? p.secretVersion : fromUri?.secretVersion;
  const status = typeof p.status === 'string' && WORD.test(p.status) ? p.status : 'OtherReasons';
  const identity = typeof p.identityType === 'string' && WORD.test(p.identityType) ? p.identityType : undefined;
  const details = text(p.details);
  return {
    app: place.app.name,
    kind: place.app.kind,
    ...(place.slot !== undefined ? { slot: place.slot } : {}),
    setting,
    settingKind: place.settingKind,
    status,
    ...(identity !== undefined ? { identity } : {}),
    ...(details !== undefined ? { details } : {}),
    portalUrl: place.portalUrl,
    subscriptionId: place.subscriptionId,
    ...(vaultName !== undefined ? { vaultName } : {}),
    ...(fromUri !== undefined ? { vaultHost: fromUri.vaultHost } : {}),
    secretName,
    ...(version !== undefined ? { secretVersion: version } : {}),
  };
}
