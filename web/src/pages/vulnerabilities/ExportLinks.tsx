import { findingsExportUrl, type ExportFormat, type FindingFilters } from '../../api/vulnerabilities.ts';
import { Icon } from '../../components/Icon.tsx';

const formats: readonly { format: ExportFormat; label: string; title: string }[] = [
  { format: 'csv', label: 'CSV', title: 'A spreadsheet, one finding a row' },
  { format: 'sarif', label: 'SARIF', title: 'SARIF 2.1.0, for code-scanning dashboards' },
  { format: 'ocsf', label: 'OCSF', title: 'OCSF Vulnerability Findings (class 2002), for a SIEM' },
];

/** Every finding the filters select, not only the page shown, as a download. */
export function ExportLinks({ filters }: { filters: FindingFilters }) {
  return (
    <div className="report-links" role="group" aria-label="Export findings">
      {formats.map(({ format, label, title }) => (
        <a
          key={format}
          className="btn btn-sm"
          href={findingsExportUrl(format, filters)}
          download
          title={title}
          aria-label={`Export ${label}`}
          data-testid={`export-${format}`}
        >
          <Icon name="download" size={16} />
          {label}
        </a>
      ))}
    </div>
  );
}
