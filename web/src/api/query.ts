/** `?name=value…` with the unset filters left out, so the server applies its defaults; '' when nothing is set. */
export function queryString(
  filters: Record<string, string | number | undefined>,
  extra: Record<string, string> = {},
): string {
  const query = new URLSearchParams(extra);
  for (const [name, value] of Object.entries(filters)) {
    if (value !== undefined) query.set(name, String(value));
  }
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}
