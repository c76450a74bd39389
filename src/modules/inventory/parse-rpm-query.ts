import { clip } from './clip.ts';
import type { InstalledPackage } from '../../protocol/inventory.ts';

/** rpm expands `\t` and `\n` itself; one tab-separated line per installed package. */
export const rpmQueryFormat = '%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\n';

const none = '(none)';

/**
 * Parses `rpm -qa --queryformat rpmQueryFormat`. Several versions of one name
 * may be installed at once (kernels), so nothing is merged. The source name
 * comes from SOURCERPM (`bash-5.1.8-6.el9.src.rpm`); its file name carries no
 * epoch, so the binary's epoch is assumed, as rpmbuild gives both the same.
 */
export function parseRpmQuery(text: string): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  for (const rawLine of text.split('\n')) {
    const fields = rawLine.replace(/\r$/, '').split('\t');
    if (fields.length !== 6) continue;
    const [name, epoch, version, release, arch, sourceRpm] = fields.map((field) => clip(field.trim(), 256));
    if (name === undefined || name === '' || version === undefined || version === '') continue;
    const epochPrefix = epoch === undefined || epoch === '' || epoch === none ? '' : `${epoch}:`;
    const fullVersion = `${epochPrefix}${version}${release === undefined || release === '' ? '' : `-${release}`}`;
    const source = parseSourceRpm(sourceRpm ?? '');
    packages.push({
      manager: 'rpm',
      name,
      version: fullVersion,
      architecture: arch === undefined || arch === none ? '' : arch,
      source: source?.name ?? name,
      sourceVersion: source === null ? fullVersion : `${epochPrefix}${source.version}`,
      status: 'installed',
    });
  }
  return packages;
}

function parseSourceRpm(fileName: string): { name: string; version: string } | null {
  const suffix = ['.src.rpm', '.nosrc.rpm'].find((ending) => fileName.endsWith(ending));
  if (suffix === undefined) return null;
  const base = fileName.slice(0, -suffix.length);
  const releaseDash = base.lastIndexOf('-');
  const versionDash = releaseDash > 0 ? base.lastIndexOf('-', releaseDash - 1) : -1;
  if (versionDash <= 0) return null;
  return { name: base.slice(0, versionDash), version: base.slice(versionDash + 1) };
}
