const prefix = '/hosts/';

export const hostPath = (agentId: string) => `${prefix}${encodeURIComponent(agentId)}`;

export function hostIdFromPath(path: string): string | undefined {
  if (!path.startsWith(prefix)) return undefined;
  try {
    return decodeURIComponent(path.slice(prefix.length));
  } catch {
    // A hand-typed address with a stray "%": show it as an unknown host rather than crash.
    return path.slice(prefix.length);
  }
}
