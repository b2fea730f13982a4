// Which deployed apps use which secrets: for the selected subscriptions, lists the App Service apps, Function Apps
// (and their slots) and Container Apps, and reads each site's Key Vault references
// (config/configreferences/appsettings and /connectionstrings), which carry each reference's status and no value.
// Never asks for an endpoint that lists setting or secret values. Bounded (requests at once, apps per
// subscription), cancellable, with progress; an app that cannot be read is reported, never skipped.

import { setMaxListeners } from 'node:events';
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient, Pipeline, PipelineRetryOptions } from '@azure/core-rest-pipeline';
import type { AppProblem, AppScan, AppUsage, SubscriptionScan } from '../../shared/appUsage';
import { Slots } from '../../shared/concurrency';
import { portalUrl } from '../../shared/portalUrl';
import { loadCorePipeline } from '../azurePackages';
import type { CallOptions, Subscription } from '../model';
import {
  listPage,
  parseContainerApp,
  parseReference,
  parseSite,
  parseSlot,
  type ArmApp,
  type UsagePlace,
} from './armAppsParse';

export const WEB_API_VERSION = '2024-04-01';
export const CONTAINER_APPS_API_VERSION = '2024-03-01';
/** ARM requests of one scan in flight at once. */
export const APP_SCAN_CONCURRENCY = 16;
/** Apps read per subscription; the rest are counted ("and N more"). */
export const APPS_PER_SUBSCRIPTION = 200;

/** How ARM reads of a subscription connect and sign in (the discovery's own, see ArmVaultDiscovery.armReader). */
export interface ArmReader {
  readonly endpoint: string;
  readonly credential: TokenCredential;
  readonly scopes: readonly string[];
  readonly httpClient: HttpClient;
  readonly tlsOptions?: { ca: string };
  readonly retryOptions?: PipelineRetryOptions;
}

export interface AppScanSource {
  listSubscriptions(options?: CallOptions): Promise<readonly Subscription[]>;
  armReader(subscription: Subscription): Promise<ArmReader>;
}

export interface AppScanRequest {
  readonly signal?: AbortSignal;
  /** Apps read so far and apps known so far (the second grows as lists come in). */
  readonly onProgress?: (done: number, known: number) => void;
  readonly concurrency?: number;
  readonly appsPerSubscription?: number;
  /** The portal origin of the cloud (links). */
  readonly portal?: string;
  /** A cancelled scan: what was read before it stopped (`incomplete`), handed over before the scan rejects. */
  readonly onPartial?: (partial: AppScan) => void;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

class ArmAnswerError extends Error {
  constructor(readonly status: number) {
    super(`ARM answered ${status}`);
  }
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The scan was cancelled.', 'AbortError');
}

/** One pipeline per reader (account and tenant) for the scan: retries (429 Retry-After included) and the bearer token. */
async function pipelineFor(reader: ArmReader): Promise<Pipeline> {
  const core = await loadCorePipeline();
  const pipeline = core.createPipelineFromOptions({
    ...(reader.retryOptions !== undefined ? { retryOptions: reader.retryOptions } : {}),
    ...(reader.tlsOptions !== undefined ? { tlsOptions: reader.tlsOptions } : {}),
  });
  pipeline.addPolicy(
    core.bearerTokenAuthenticationPolicy({ credential: reader.credential, scopes: [...reader.scopes] }),
  );
  return pipeline;
}

export class AppScanner {
  constructor(private readonly source: AppScanSource) {}

  async scan(request: AppScanRequest = {}): Promise<AppScan> {
    // One signal for the scan's requests, which each listen to it: as many listeners as requests at once.
    const own = new AbortController();
    const signal = request.signal === undefined ? own.signal : AbortSignal.any([request.signal, own.signal]);
    const concurrency = request.concurrency ?? APP_SCAN_CONCURRENCY;
    setMaxListeners(concurrency + 10, signal);
    const slots = new Slots(concurrency);
    const limit = request.appsPerSubscription ?? APPS_PER_SUBSCRIPTION;
    const usages: AppUsage[] = [];
    const problems: AppProblem[] = [];
    let done = 0;
    let known = 0;
    const progress = (): void => request.onProgress?.(done, known);
    const finished: SubscriptionScan[] = [];
    /** Subscriptions whose apps were listed: a cancelled scan reports the unfinished ones as incomplete. */
    const started = new Map<string, SubscriptionScan>();
    const order = (a: { app: string; slot?: string }, b: { app: string; slot?: string }): number =>
      a.app.localeCompare(b.app) || (a.slot ?? '').localeCompare(b.slot ?? '');
    const result = (scanned: readonly SubscriptionScan[], incomplete: boolean): AppScan => ({
      at: Date.now(),
      usages: [...usages].sort((a, b) => order(a, b) || a.setting.localeCompare(b.setting)),
      problems: [...problems].sort(order),
      subscriptions: scanned,
      ...(incomplete ? { incomplete } : {}),
    });
    const cancelled = (): Error => {
      const unfinished = [...started.values()]
        .filter((x) => !finished.some((f) => f.subscriptionId === x.subscriptionId))
        .map((x) => ({ ...x, incomplete: true }));
      request.onPartial?.(result([...finished, ...unfinished], true));
      return abortError(signal);
    };
    const subscriptions = await this.source.listSubscriptions({ signal });
    const pipelines = new Map<string, Promise<Pipeline>>();

    const scanSubscription = async (subscription: Subscription): Promise<SubscriptionScan> => {
      const base = { subscriptionId: subscription.subscriptionId, name: subscription.name };
      const reader = await this.source.armReader(subscription);
      const key = `${subscription.account?.id ?? ''}|${subscription.tenantId.toLowerCase()}`;
      let pipeline = pipelines.get(key);
      if (pipeline === undefined) pipelines.set(key, (pipeline = pipelineFor(reader)));
      const ready = await pipeline;
      const origin = new URL(reader.endpoint).origin;
      const core = await loadCorePipeline();
      const get = (url: string): Promise<Answer> =>
        slots.run(async () => {
          if (signal.aborted) throw abortError(signal);
          const response = await ready.sendRequest(
            reader.httpClient,
            core.createPipelineRequest({ url, method: 'GET', abortSignal: signal }),
          );
          let body: unknown;
          try {
            body = response.bodyAsText ? (JSON.parse(response.bodyAsText) as unknown) : undefined;
          } catch {
            body = undefined;
          }
          return { status: response.status, body };
        });
      /** Every page of a list; a nextLink elsewhere than this ARM origin ends the list (the token goes nowhere else). */
      const list = async (path: string, version: string): Promise<unknown[]> => {
        const items: unknown[] = [];
        let url: string | undefined = `${origin}${path}?api-version=${version}`;
        while (url !== undefined) {
          const answer = await get(url);
          if (answer.status !== 200) throw new ArmAnswerError(answer.status);
          const page = listPage(answer.body);
          items.push(...page.items);
          url = page.nextLink !== undefined && new URL(page.nextLink).origin === origin ? page.nextLink : undefined;
        }
        return items;
      };
      const sub = `/subscriptions/${encodeURIComponent(subscription.subscriptionId)}`;
      let sites: unknown[];
      let containerApps: unknown[];
      try {
        [sites, containerApps] = await Promise.all([
          list(`${sub}/providers/Microsoft.Web/sites`, WEB_API_VERSION),
          list(`${sub}/providers/Microsoft.App/containerApps`, CONTAINER_APPS_API_VERSION),
        ]);
      } catch (error) {
        if (signal.aborted) throw abortError(signal);
        return { ...base, apps: 0, more: 0, failure: reasonOf(error) };
      }
      const apps = [
        ...sites.map((s) => parseSite(s, subscription.subscriptionId)),
        ...containerApps.map((a) => parseContainerApp(a, subscription.subscriptionId)),
      ]
        .filter((a): a is ArmApp => a !== undefined)
        .sort((a, b) => a.name.localeCompare(b.name));
      const chosen = apps.slice(0, limit);
      started.set(subscription.subscriptionId, { ...base, apps: apps.length, more: apps.length - chosen.length });
      known += chosen.length;
      progress();
      const link = (id: string): string => portalUrl(id, subscription.tenantId, undefined, request.portal);
      const problem = (app: ArmApp, error: unknown, slot?: string): void => {
        problems.push({
          app: app.name,
          kind: app.kind,
          ...(slot !== undefined ? { slot } : {}),
          subscriptionId: subscription.subscriptionId,
          reason: reasonOf(error),
          portalUrl: link(app.id),
        });
      };
      const references = async (app: ArmApp, ownerId: string, slot?: string): Promise<void> => {
        const read = (kind: 'appsettings' | 'connectionstrings'): Promise<unknown[]> =>
          list(`${ownerId}/config/configreferences/${kind}`, WEB_API_VERSION);
        const [settings, connections] = await Promise.all([read('appsettings'), read('connectionstrings')]);
        const place = (settingKind: UsagePlace['settingKind']): UsagePlace => ({
          app,
          ...(slot !== undefined ? { slot } : {}),
          settingKind,
          portalUrl: link(ownerId),
          subscriptionId: subscription.subscriptionId,
        });
        for (const item of settings) {
          const u = parseReference(item, place('appSetting'));
          if (u !== undefined) usages.push(u);
        }
        for (const item of connections) {
          const u = parseReference(item, place('connectionString'));
          if (u !== undefined) usages.push(u);
        }
      };
      const readApp = async (app: ArmApp): Promise<void> => {
        try {
          if (app.kind === 'containerApp') {
            for (const s of app.containerSecrets ?? [])
              usages.push({
                app: app.name,
                kind: app.kind,
                setting: s.name,
                settingKind: 'containerSecret',
                ...(s.identity !== undefined ? { identity: s.identity } : {}),
                portalUrl: link(app.id),
                subscriptionId: subscription.subscriptionId,
                vaultHost: s.vaultHost,
                secretName: s.secretName,
                ...(s.secretVersion !== undefined ? { secretVersion: s.secretVersion } : {}),
              });
            return;
          }
          // The slots list and the site's own references go out together; each slot's references after the list.
          const [slotItems] = await Promise.all([list(`${app.id}/slots`, WEB_API_VERSION), references(app, app.id)]);
          const slotsOfApp = slotItems.map((s) => parseSlot(s, app.id)).filter((s) => s !== undefined);
          await Promise.all(
            slotsOfApp.map((s) =>
              references(app, s.id, s.name).catch((error: unknown) => {
                if (signal.aborted) throw abortError(signal);
                problem(app, error, s.name);
              }),
            ),
          );
        } catch (error) {
          if (signal.aborted) throw abortError(signal);
          problem(app, error);
        } finally {
          done++;
          progress();
        }
      };
      await Promise.allSettled(chosen.map(readApp));
      if (signal.aborted) throw abortError(signal);
      const scanned = { ...base, apps: apps.length, more: apps.length - chosen.length };
      finished.push(scanned);
      return scanned;
    };

    // Every subscription settles before the scan ends, so a cancelled scan has nothing left to send when it rejects.
    const settled = await Promise.allSettled(subscriptions.map(scanSubscription));
    if (signal.aborted) throw cancelled();
    const scanned = settled.map((r) => {
      if (r.status === 'rejected') throw r.reason;
      return r.value;
    });
    return result(scanned, false);
  }
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof ArmAnswerError) return error.status;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

function reasonOf(error: unknown): AppProblem['reason'] {
  const status = statusOf(error);
  return status === 403 ? 'unreadable' : status === 429 ? 'throttled' : 'failed';
}
