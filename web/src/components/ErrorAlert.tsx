import { toApiError } from '../api/ApiError.ts';
import { Icon } from './Icon.tsx';

/** Shows a failed request the way the server explained it: `detail`, then each issue. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  const { message, issues: allIssues } = toApiError(error);
  // Servers often fold the issues into `detail` already; list only what it leaves out.
  const issues = allIssues.filter((issue) => !message.includes(issue.message));
  return (
    <div className="alert alert-error" role="alert">
      <Icon name="warning" />
      <div>
        <p>{message}</p>
        {issues.length > 0 && (
          <ul className="alert-issues">
            {issues.map((issue, index) => (
              <li key={index}>{issue.message}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
