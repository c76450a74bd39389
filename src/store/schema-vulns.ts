/* Vulnerability feeds and findings (src/modules/vulns); migration 0010-vulns. */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the vulns module's tables
export interface VulnTables {}
