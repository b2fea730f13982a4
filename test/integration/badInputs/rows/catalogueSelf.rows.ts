// A row that proves the runner counts requests: a well-formed read of an existing secret is accepted and
// sends exactly one request.
import { accepted, type Row } from '../catalogue';

export const rows: readonly Row[] = [
  {
    surface: 'catalogue runner',
    input: 'read of an existing secret (one request, counted)',
    expect: 'accepted',
    says: /^v$/,
    requests: 1,
    run: async ({ client }) => accepted((await client.getValue('ok-name')).value),
  },
];
