import type { ScaMitre } from '../../protocol/sca.ts';

/** 4.x's versioned keys to 5.x's normalized ones; a key not listed is kept as written. */
const frameworkOf: [RegExp, string][] = [
  [/^pci_dss(_v[\d.]+)?$/, 'pci_dss'],
  [/^nist_(sp_)?800[-_]53(_.*)?$/, 'nist_800_53'],
  [/^nist_(sp_)?800[-_]171(_.*)?$/, 'nist_800_171'],
  [/^iso_27001([-_]\d+)?$/, 'iso_27001'],
  [/^cmmc(_v[\d.]+)?$/, 'cmmc'],
  [/^cis_csc(_v\d+)?$/, 'cis_csc'],
  [/^soc_2$/, 'tsc'],
  [/^gdpr(_.*)?$/, 'gdpr'],
];

const mitreKeys: Record<string, keyof ScaMitre | null> = {
  mitre_tactics: 'tactics',
  mitre_techniques: 'techniques',
  mitre_subtechniques: 'subtechniques',
  // Mitigations are not findings' business; 5.x dropped them too.
  mitre_mitigations: null,
};

/**
 * Compliance in either variant as one object of normalized framework keys, and the MITRE ids
 * 4.x kept among them.
 */
export function normalizeCompliance(raw: Record<string, string[]> | Record<string, string[]>[] | undefined): {
  compliance: Record<string, string[]>;
  mitre: ScaMitre;
} {
  const compliance: Record<string, string[]> = {};
  const mitre: ScaMitre = { tactics: [], techniques: [], subtechniques: [] };
  const entries =
    raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).flatMap((item) => Object.entries(item));
  for (const [key, ids] of entries) {
    const lower = key.toLowerCase();
    if (lower in mitreKeys) {
      const target = mitreKeys[lower];
      if (target) mitre[target].push(...ids);
      continue;
    }
    const framework = frameworkOf.find(([pattern]) => pattern.test(lower))?.[1] ?? lower;
    compliance[framework] = [...new Set([...(compliance[framework] ?? []), ...ids])];
  }
  return { compliance, mitre };
}
