import { join } from 'node:path';
import { parseApkInstalled } from './parse-apk-installed.ts';
import { readOptionalFileBytes } from './read-text-file.ts';
import type { InstalledPackage } from '../../protocol/inventory.ts';

/** Alpine's package database; absent on other systems, which then have no apk packages. */
export async function collectApkPackages(root: string): Promise<InstalledPackage[]> {
  const data = await readOptionalFileBytes(join(root, 'lib/apk/db/installed'), {
    maxBytes: 256 * 1024 * 1024,
  });
  return data === null ? [] : parseApkInstalled(data);
}
