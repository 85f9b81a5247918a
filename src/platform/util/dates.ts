/**
 * The calendar day (`YYYY-MM-DD`) at an instant in a time zone: "today" for a tenant is its own
 * day (WIB by default), not the server's. An unknown zone falls back to UTC.
 */
export function dayIn(timeZone: string, at: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(at);
  } catch {
    return at.toISOString().slice(0, 10);
  }
}
