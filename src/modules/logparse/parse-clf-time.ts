const months: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

/** Common Log Format time, "10/Oct/2000:13:55:36 -0700", as epoch ms; undefined when malformed. */
export function parseClfTime(text: string): number | undefined {
  const m =
    /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? ([+-])(\d{2})(\d{2})$/.exec(
      text,
    );
  if (!m) return undefined;
  const month = months[m[2] ?? ''];
  if (month === undefined) return undefined;
  const local = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  const offset = (Number(m[9]) * 60 + Number(m[10])) * 60_000 * (m[8] === '-' ? -1 : 1);
  return local - offset + Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
}
