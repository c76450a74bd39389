/** The file (and line) an evidence text such as `/etc/ssh/sshd_config:12: "PermitRootLogin yes"` starts with. */
export function evidenceLocation(evidence: string): { path: string; line: number | undefined } | undefined {
  const match = /^(\/[^\s:]*)(?::(\d+):| exists| is | has | holds | does )/.exec(evidence);
  if (!match?.[1]) return undefined;
  return { path: match[1], line: match[2] === undefined ? undefined : Number(match[2]) };
}
