// A view of a certificates or keys client for calls the user asked for: each call may show a sign-in prompt when no
// session can be had silently, as interactiveClient.ts does for secrets. Every method of these clients takes its
// CallOptions as its last declared parameter, so the wrapper sets `interactive` there.

import type { CallOptions } from './model';
import type { CertificatesClient, KeysClient } from './objectModel';

export function interactiveObjects<C extends CertificatesClient | KeysClient>(client: C): C {
  return new Proxy(client, {
    get(target, property, receiver) {
      const member: unknown = Reflect.get(target, property, receiver);
      if (typeof member !== 'function') return member;
      const method = member as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        const last = method.length - 1;
        const padded = args.slice(0, last);
        while (padded.length < last) padded.push(undefined);
        const given = args[last] as CallOptions | undefined;
        return method.apply(target, [...padded, { ...given, interactive: true }]);
      };
    },
  });
}
