/** A uid or gid; 2^32 - 1 is (uid_t)-1, which the kernel refuses as an id. */
export function parseId(text: string): number | null {
  if (text.length === 0 || text.length > 10 || !/^\d+$/.test(text)) return null;
  const id = Number(text);
  return id < 0xffffffff ? id : null;
}
