/** The program, arguments and environment a systemd unit's ExecStart= and Environment= lines give. */
export interface UnitLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * Reads a unit the way systemd starts its service, for the plain words our units use: a quote or
 * a specifier would need systemd's own parser, so those throw rather than being misread.
 */
export function unitLaunch(unit: string): UnitLaunch {
  let exec: string[] | undefined;
  const env: Record<string, string> = {};
  for (const line of unit.split('\n')) {
    const [key, value] = [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)];
    if (key !== 'ExecStart' && key !== 'Environment') continue;
    if (/["'%\\]/.test(value)) throw new Error(`unitLaunch reads plain words only: ${line}`);
    const words = value.split(/\s+/).filter((word) => word !== '');
    if (key === 'ExecStart') exec = words;
    for (const assignment of key === 'Environment' ? words : []) {
      const cut = assignment.indexOf('=');
      env[assignment.slice(0, cut)] = assignment.slice(cut + 1);
    }
  }
  const [command, ...args] = exec ?? [];
  if (command === undefined) throw new Error('the unit has no ExecStart=');
  return { command, args, env };
}
