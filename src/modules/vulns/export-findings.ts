import type { VulnFinding } from '../../protocol/vuln-api.ts';
import { findingsCsv } from '../vuln-scan/findings-csv.ts';
import { findingsSarif } from '../vuln-scan/findings-sarif.ts';
import { toOcsfVulnerabilityFinding } from '../vuln-scan/to-ocsf.ts';

export const exportFormats = ['ocsf', 'sarif', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportFile {
  text: string;
  contentType: string;
  extension: string;
}

/** Findings as an OCSF Vulnerability Finding (2002) JSON array, SARIF 2.1.0 or CSV. */
export function exportFindings(findings: VulnFinding[], format: ExportFormat, version: string): ExportFile {
  switch (format) {
    case 'ocsf':
      return {
        text: `${JSON.stringify(
          findings.map((finding) => toOcsfVulnerabilityFinding(finding, { version })),
          null,
          2,
        )}\n`,
        contentType: 'application/json',
        extension: 'ocsf.json',
      };
    case 'sarif':
      return {
        text: `${JSON.stringify(findingsSarif(findings, { version }), null, 2)}\n`,
        contentType: 'application/sarif+json',
        extension: 'sarif',
      };
    case 'csv':
      return { text: findingsCsv(findings), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
  }
}
