import type {
  Alert,
  AlertDetail,
  AlertFilters,
  AlertNote,
  AlertPage,
  AlertSummary,
  AlertSuppression,
  AlertTimeline,
  CreateAlertSuppressionRequest,
  TimelineBucket,
  UpdateAlertRequest,
} from '../../../src/protocol/alerts.ts';
import { request } from './client.ts';

const alertPath = (id: string) => `/api/alerts/${encodeURIComponent(id)}`;

/** Query parameters with the unset ones left out, so the server applies its defaults. */
function search(params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  return query.toString();
}

export const listAlerts = (filters: AlertFilters, page: { limit: number; cursor?: string | undefined }) =>
  request<AlertPage>('GET', `/api/alerts?${search({ ...filters, ...page })}`);
export const alertTimeline = (filters: AlertFilters, bucket: TimelineBucket) =>
  request<AlertTimeline>('GET', `/api/alerts/timeline?${search({ ...filters, bucket })}`);
export const alertSummary = () => request<AlertSummary>('GET', '/api/alerts/summary');

export const getAlert = (id: string) => request<AlertDetail>('GET', alertPath(id));
export const updateAlert = (id: string, body: UpdateAlertRequest) =>
  request<Alert>('PATCH', alertPath(id), body);
export const addAlertNote = (id: string, text: string) =>
  request<AlertNote>('POST', `${alertPath(id)}/notes`, { text });

export const listSuppressions = () =>
  request<{ suppressions: AlertSuppression[] }>('GET', '/api/alerts/suppressions');
export const createSuppression = (body: CreateAlertSuppressionRequest) =>
  request<AlertSuppression>('POST', '/api/alerts/suppressions', body);
export const deleteSuppression = (id: string) =>
  request<undefined>('DELETE', `/api/alerts/suppressions/${encodeURIComponent(id)}`);
