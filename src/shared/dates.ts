// The one place a date becomes text, for every surface: tree rows, tooltips, hovers, confirmations, diff titles,
// reports and the webviews (media/ imports this module), and the form's date inputs.
//
// Dates are shown in UTC, and a date with a time says "UTC": "2026-11-20" and "2026-11-20 14:05 UTC". Why UTC and
// not the user's local time: Key Vault stores and returns UTC, the Azure CLI, the REST API, activity logs and
// App Service references all speak UTC, so a date read here matches what a teammate, a log line or a script
// shows, in any time zone. And the extension host and the webview do not share a clock zone in remote work
// (Codespaces, SSH, WSL: the host runs in the server's zone, the webview in the browser's), so local time
// would show one version at two times. The digits are ISO 8601 (year-month-day, 24-hour clock): the same in
// every language, sortable, and what Azure's own text uses; only the words around them are translated.

/** A day: "2026-11-20" (the UTC day). */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A day and a minute: "2026-11-20 14:05 UTC". */
export function formatDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A date sent as ISO text (the webviews' messages): "2026-11-20 14:05 UTC"; "—" when there is none; text that is
 * not a date is shown as it came (plain text), never guessed at.
 */
export function formatIsoDateTime(iso: string | undefined): string {
  if (iso === undefined || iso === '') return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatDateTime(d);
}

/** ISO text → the value of a datetime-local input, in UTC like every other date: "2026-11-20T14:05"; '' when none. */
export function toDateInput(iso: string): string {
  if (iso === '') return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 16);
}

/**
 * A datetime-local input's value (UTC) → ISO text. '' stays ''; a value that is not a date is passed on as it is,
 * so the form's validation reports it.
 */
export function fromDateInput(value: string): string {
  if (value === '') return '';
  const d = new Date(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? `${value}Z` : value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}
