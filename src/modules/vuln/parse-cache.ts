/**
 * A bounded cache of parsed versions for the schemes whose compare needs a parsed form (SemVer,
 * PEP 440): matching compares the same few installed and feed versions many times. At
 * `capacity` entries it starts afresh, so hostile input can cost re-parsing but never memory.
 */
export function createParseCache<T>(parse: (version: string) => T, capacity = 16384): (version: string) => T {
  const cache = new Map<string, T>();
  return (version) => {
    let parsed = cache.get(version);
    if (parsed === undefined) {
      parsed = parse(version);
      if (cache.size >= capacity) cache.clear();
      cache.set(version, parsed);
    }
    return parsed;
  };
}
