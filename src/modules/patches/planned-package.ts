import { z } from 'zod';

/** One package of a host's plan as stored: what the API shows, and which findings it fixes. */
export const PlannedPackage = z.object({
  name: z.string(),
  /** The installed version the plan was made from. */
  from: z.string(),
  atLeast: z.string(),
  /** The exact version the simulation chose; null before it ran, or when none is new enough. */
  version: z.string().nullable(),
  findingIds: z.array(z.string()),
  /** The simulation found no candidate at least `atLeast`: the host's repositories lack the fix. */
  unavailable: z.boolean(),
  candidate: z.string().nullable(),
});
export type PlannedPackage = z.infer<typeof PlannedPackage>;

export function readPackages(json: string): PlannedPackage[] {
  return z.array(PlannedPackage).parse(JSON.parse(json));
}

/** The findings a host's upgrades resolve: those of its packages that have a fix to install. */
export function resolvableFindings(packages: readonly PlannedPackage[]): string[] {
  return [
    ...new Set(packages.filter((entry) => !entry.unavailable).flatMap((entry) => entry.findingIds)),
  ].sort();
}
