import { access } from 'node:fs/promises';
import type { SystemPackageManager } from '../../protocol/inventory.ts';
import { findProgram } from '../firewall/find-program.ts';
import { findStaleServices } from './find-stale-services.ts';
import { parseNeedrestart } from './parse-needrestart.ts';
import { runPackageTool } from './run-package-tool.ts';

export interface RestartNeeds {
  rebootRequired: boolean;
  servicesToRestart: string[];
  /** What could not be checked, for the output. */
  notes: string[];
}

/**
 * After an upgrade: whether the host must reboot (Debian's /var/run/reboot-required, a pending
 * kernel by needrestart, `needs-restarting -r` on dnf hosts) and which services run replaced
 * code (needrestart in list mode, which restarts nothing, else the /proc scan).
 */
export async function restartNeeds(
  manager: SystemPackageManager,
  signal?: AbortSignal,
): Promise<RestartNeeds> {
  const notes: string[] = [];
  let rebootRequired = await exists('/var/run/reboot-required');
  let servicesToRestart: string[];
  if (findProgram('needrestart') !== undefined) {
    const result = await runPackageTool('needrestart', ['-b', '-r', 'l'], { signal, timeoutMs: 300_000 });
    const report = parseNeedrestart(result.stdout);
    servicesToRestart = report.services;
    rebootRequired ||= report.kernelPending;
    if (result.code !== 0) notes.push(`needrestart exited ${result.code}`);
  } else servicesToRestart = await findStaleServices();
  if (manager === 'rpm' && findProgram('needs-restarting') !== undefined) {
    // Exit 1: core libraries or the kernel changed since boot.
    const result = await runPackageTool('needs-restarting', ['-r'], { signal, timeoutMs: 120_000 });
    rebootRequired ||= result.code === 1;
  }
  return { rebootRequired, servicesToRestart, notes };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
