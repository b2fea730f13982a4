// Child process of test/unit/bundles.test.ts: activates a production build of the extension in a fresh Node, with
// a stand-in `vscode` module (scripts/bench/vscodeStub.ts) and no document open, and prints one JSON line
// (ActivationProbe): every connection or name lookup tried and every bundle file loaded, from the require of
// extension.js until a while after activate() returned. The network is refused, not reached.
// usage: node --import tsx test/unit/activationProbe.ts <dist dir>
import { readFileSync } from 'node:fs';
import dns from 'node:dns';
import Module, { createRequire, register } from 'node:module';
import net from 'node:net';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { apiNamesFromTypings, createVscodeStub } from '../../scripts/bench/vscodeStub';

export interface ActivationProbe {
  /** Each connection tried (host:port or path) and each name looked up. */
  readonly network: readonly string[];
  /** file: URLs of every ES module loaded (the bundle's chunks among them). */
  readonly loaded: readonly string[];
}

/** How long after activate() returns anything it started in the background gets to show itself. */
const SETTLE_MS = 500;

const network: string[] = [];
const refuse = (what: string): Error => {
  network.push(what);
  return new Error(`activation probe: no network (${what})`);
};
net.Socket.prototype.connect = function probeConnect(this: net.Socket, ...args: unknown[]): net.Socket {
  const [first, second] = args;
  const to =
    typeof first === 'object' && first !== null
      ? JSON.stringify({ ...(first as Record<string, unknown>) }, ['host', 'port', 'path'])
      : `${String(first)}:${String(second)}`;
  const error = refuse(`connect ${to}`);
  process.nextTick(() => this.destroy(error));
  return this;
};
const refuseLookup = (hostname: string): never => {
  throw refuse(`lookup ${hostname}`);
};
Object.assign(dns, { lookup: refuseLookup });
dns.promises.lookup = (hostname: string): Promise<never> => Promise.reject(refuse(`lookup ${hostname}`));

// Every ES module the loader loads, reported by a loader hook running on its own thread.
const loaded: string[] = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (url: string) => loaded.push(url));
port1.unref();
const hooks = `let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) { port.postMessage(url); return next(url, context); }`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { port: port2 }, transferList: [port2] });

async function main(): Promise<void> {
  const dist = process.argv[2];
  if (dist === undefined) throw new Error('usage: activationProbe.ts <dist dir>');
  const typings = join(__dirname, '..', '..', 'node_modules', '@types', 'vscode', 'index.d.ts');
  const stub = createVscodeStub({
    apiNames: apiNamesFromTypings(readFileSync(typings, 'utf8')),
    // A vault added by URL and a discovery endpoint: activation must send nothing to either.
    settings: {
      'keyVaultSecrets.vaults': [{ url: 'https://contoso-dev.vault.azure.net', name: 'contoso-dev' }],
      'keyVaultSecrets.testing.armEndpoint': 'https://management.azure.com',
    },
    extensionPath: join(dist, '..'),
  });
  // No document is open: nothing asks for the core.
  (stub.module as { workspace: { textDocuments: unknown } }).workspace.textDocuments = [];
  const internals = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = internals._load;
  internals._load = function probeLoad(this: unknown, request: string, ...rest: unknown[]): unknown {
    return request === 'vscode' ? stub.module : load.call(this, request, ...rest);
  };
  const extension = createRequire(__filename)(join(dist, 'extension.js')) as {
    activate(context: unknown): unknown;
  };
  await extension.activate(stub.context);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const result: ActivationProbe = { network, loaded };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
