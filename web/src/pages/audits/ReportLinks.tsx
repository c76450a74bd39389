import { Icon } from '../../components/Icon.tsx';

interface ReportLinksProps {
  /** What the report covers, for the links' accessible names: "Fleet report", "Host report". */
  label: string;
  html: string;
  pdf: string;
}

/** The HTML report opens in a new tab (it prints as shown); the PDF downloads. */
export function ReportLinks({ label, html, pdf }: ReportLinksProps) {
  return (
    <div className="report-links" role="group" aria-label={label}>
      <a
        className="btn btn-sm"
        href={html}
        target="_blank"
        rel="noreferrer"
        aria-label={`${label} (HTML)`}
        data-testid="report-html"
      >
        <Icon name="audits" size={16} />
        {label} (HTML)
      </a>
      <a className="btn btn-sm" href={pdf} download aria-label={`${label} (PDF)`} data-testid="report-pdf">
        <Icon name="download" size={16} />
        PDF
      </a>
    </div>
  );
}
