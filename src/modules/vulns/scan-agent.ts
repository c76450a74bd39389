import type { Kysely } from 'kysely';
import type { InstalledPackage, PackageManager } from '../../protocol/inventory.ts';
import { HostInventory } from '../../protocol/inventory.ts';
import type { VulnFinding } from '../../protocol/vuln-api.ts';
import type { DB } from '../../store/schema.ts';
import type { Deps } from '../deps.ts';
import { hostEcosystem } from '../vuln-match/host-ecosystem.ts';
import { matchPackages } from '../vuln-match/match-packages.ts';
import type { PackageMatch } from '../vuln-match/package-match.ts';
import { buildFinding } from '../vuln-scan/build-finding.ts';
import { chunked } from './feed-record-store.ts';
import { toFindingRow } from './finding-row.ts';
import { loadEnrichment } from './load-enrichment.ts';
import { updateTrend } from './update-trend.ts';
import { readFeedKeys, vulnIndexFor } from './vuln-index-cache.ts';

export interface ScanResult {
  open: number;
  resolved: number;
}

/**
 * Matches the agent's newest inventory against the stored feeds now and brings its findings up
 * to date: new ones open, ones still there keep their first-seen time, open ones no longer
 * matched are resolved, and a resolved one that is matched again reopens. A host without an
 * inventory has nothing to match and keeps what it has.
 */
export async function scanAgent(deps: Deps, agentId: string): Promise<ScanResult> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const keys = await readFeedKeys(db);
  const stored = await db
    .selectFrom('host_inventory as i')
    .leftJoin('agents as a', 'a.id', 'i.agent_id')
    .select(['i.agent_id', 'i.collected_at', 'i.received_at', 'i.data', 'a.hostname'])
    .where('i.agent_id', '=', agentId)
    .executeTakeFirst();
  if (!stored) return { open: 0, resolved: 0 };
  const { inventory } = HostInventory.parse({
    agentId: stored.agent_id,
    collectedAt: stored.collected_at,
    receivedAt: stored.received_at,
    inventory: JSON.parse(stored.data) as unknown,
  });

  const matches: PackageMatch[] = [];
  for (const [manager, packages] of byManager(inventory.packages)) {
    const ecosystem = hostEcosystem(inventory.host.os, manager);
    if (ecosystem === null) continue;
    const index = await vulnIndexFor(deps.database, ecosystem, keys.advisories);
    matches.push(...matchPackages(index, { os: inventory.host.os, packages }));
  }

  const enrichment = await loadEnrichment(
    db,
    matches.flatMap((m) => [m.vulnerabilityId, ...m.aliases].filter((id) => id.startsWith('CVE-'))),
  );
  const previous = await db
    .selectFrom('vuln_findings')
    .select(['id', 'package_manager', 'package_name', 'vulnerability_id', 'first_seen'])
    .where('agent_id', '=', agentId)
    .execute();
  const firstSeen = new Map(previous.map((row) => [naturalKey(row), row.first_seen]));
  const findings = new Map<string, VulnFinding>();
  for (const match of matches) {
    const seen = firstSeen.get(
      naturalKey({
        package_manager: match.package.manager,
        package_name: match.package.name,
        vulnerability_id: match.vulnerabilityId,
      }),
    );
    const finding = buildFinding(match, {
      agentId,
      hostname: stored.hostname,
      now,
      kev: (cve) => enrichment.kev.get(cve),
      epss: (cve) => enrichment.epss.get(cve),
      sla: deps.config.vuln.slaDays,
      ...(seen === undefined ? {} : { firstSeenAt: seen }),
    });
    findings.set(finding.id, { ...finding, status: 'open', lastSeenAt: now.toISOString(), resolvedAt: null });
  }

  const resolved = await db.transaction().execute(async (trx) => {
    await upsertFindings(trx, [...findings.values()]);
    const stale = previous.map((row) => row.id).filter((id) => !findings.has(id));
    let count = 0;
    for (const part of chunked(stale, 500)) {
      const result = await trx
        .updateTable('vuln_findings')
        .set({ status: 'resolved', resolved_at: now.toISOString() })
        .where('id', 'in', part)
        .where('status', '=', 'open')
        .executeTakeFirst();
      count += Number(result.numUpdatedRows);
    }
    const scan = {
      agent_id: agentId,
      inventory_at: stored.received_at,
      feeds_key: keys.all,
      scanned_at: now.toISOString(),
    };
    await trx
      .insertInto('vuln_scans')
      .values(scan)
      .onConflict((oc) => oc.column('agent_id').doUpdateSet(scan))
      .execute();
    return count;
  });
  await updateTrend(db, now);
  return { open: findings.size, resolved };
}

function byManager(packages: InstalledPackage[]): Map<PackageManager, InstalledPackage[]> {
  const groups = new Map<PackageManager, InstalledPackage[]>();
  for (const pkg of packages) {
    const group = groups.get(pkg.manager) ?? [];
    group.push(pkg);
    groups.set(pkg.manager, group);
  }
  return groups;
}

function naturalKey(row: {
  package_manager: string;
  package_name: string;
  vulnerability_id: string;
}): string {
  return `${row.package_manager}\n${row.package_name}\n${row.vulnerability_id}`;
}

/** Inserts or refreshes findings; first_seen is never overwritten, whatever the row says. */
async function upsertFindings(db: Kysely<DB>, findings: VulnFinding[]): Promise<void> {
  for (const part of chunked(findings, 200))
    await db
      .insertInto('vuln_findings')
      .values(part.map(toFindingRow))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          hostname: eb.ref('excluded.hostname'),
          ids: eb.ref('excluded.ids'),
          package_source: eb.ref('excluded.package_source'),
          ecosystem: eb.ref('excluded.ecosystem'),
          fix_state: eb.ref('excluded.fix_state'),
          severity: eb.ref('excluded.severity'),
          severity_id: eb.ref('excluded.severity_id'),
          kev: eb.ref('excluded.kev'),
          risk: eb.ref('excluded.risk'),
          due_at: eb.ref('excluded.due_at'),
          status: 'open',
          last_seen: eb.ref('excluded.last_seen'),
          resolved_at: null,
          data: eb.ref('excluded.data'),
        })),
      )
      .execute();
}
