// The demo app: says which of its secrets it received, and how long each is, never the value itself.
for (const name of ['ORDERS_DB_PASSWORD', 'BILLING_API_KEY']) {
  const value = process.env[name];
  console.log(value === undefined ? `${name}: not set` : `${name}: set (${value.length} characters)`);
}
