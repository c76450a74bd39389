import type { Alert } from '../../protocol/alerts.ts';
import type { Finding } from '../../protocol/finding.ts';
import type { ResponsePolicy } from '../../protocol/response-config.ts';
import type { FirewallAgent } from './firewall-agent.ts';

/** One policy acting on one alert. */
export interface AlertResponse {
  policy: ResponsePolicy;
  alert: Alert;
  finding: Finding;
  /** `updated`: a repeat merged into an open alert. */
  outcome: 'created' | 'updated';
  /** The attacked host, when the alert names an enrolled, unrevoked agent. */
  agent: FirewallAgent | undefined;
  now: Date;
}

export const policyActor = (response: AlertResponse) => `policy:${response.policy.name}`;

export const alertLabel = ({ alert }: AlertResponse) => `alert ${alert.id} (${alert.finding_info.title})`;
