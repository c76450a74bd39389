import { formatDateTime, formatRelative } from '../format/time.ts';

interface TimestampProps {
  value: string | null;
  /** Relative ("3 hours ago") reads better in lists of last-seen times. */
  relative?: boolean;
  fallback?: string;
}

export function Timestamp({ value, relative = false, fallback = '—' }: TimestampProps) {
  if (value === null) return <span className="muted">{fallback}</span>;
  const absolute = formatDateTime(value);
  return (
    <time dateTime={value} title={absolute}>
      {relative ? formatRelative(value) : absolute}
    </time>
  );
}
