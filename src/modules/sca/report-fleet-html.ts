import { severities, type Severity } from '../../protocol/finding.ts';
import type { ScaRuleOutcome } from '../../protocol/sca.ts';
import { html, type Html } from './html.ts';
import {
  capitalize,
  frameworkNames,
  prose,
  scoreBar,
  scoreRing,
  waivedSection,
  type ReportWaiver,
} from './report-html.ts';
import { reportStyle } from './report-style.ts';

export interface FleetHost {
  hostname: string;
  group: string;
  score: number | null;
  passed: number;
  failed: number;
  notApplicable: number;
  /** Null: never audited. */
  lastRunAt: string | null;
}

export interface FleetPolicy {
  id: string;
  name: string;
  sha256: string;
  score: number | null;
  hosts: number;
  failed: number;
}

/** A check that fails on some hosts' latest runs (waivers excluded), with one host's evidence as an example. */
export interface FleetFailedCheck {
  policyId: string;
  policyName: string;
  checkId: number;
  name: string;
  severity: Severity;
  rationale: string;
  remediation: string;
  compliance: Record<string, string[]>;
  /** Hostnames it fails on. */
  hosts: string[];
  /** Hosts audited with the policy. */
  auditedHosts: number;
  example: { hostname: string; rules: ScaRuleOutcome[] } | undefined;
}

export interface FleetReport {
  generatedAt: Date;
  version: string;
  fleetScore: number | null;
  hosts: readonly FleetHost[];
  groups: readonly { group: string; score: number | null; hosts: number }[];
  policies: readonly FleetPolicy[];
  failedChecks: readonly FleetFailedCheck[];
  frameworks: readonly { framework: string; score: number | null; passed: number; failed: number }[];
  waivers: readonly ReportWaiver[];
}

/** Hostnames named per failed check; the rest are counted. */
const namedHosts = 20;

/**
 * The whole fleet's audit as a self-contained HTML page in the host report's style (no scripts,
 * no external resources): the fleet score, scores per group and host, the checks that fail most
 * across hosts grouped by severity with how to fix them, compliance frameworks, and the waivers
 * with their justification. Prints to PDF as it shows on screen.
 */
export function renderFleetReport(report: FleetReport): string {
  const audited = report.hosts.filter((host) => host.lastRunAt !== null);
  const passed = audited.reduce((sum, host) => sum + host.passed, 0);
  const failed = audited.reduce((sum, host) => sum + host.failed, 0);
  const failures = [...report.failedChecks].sort(
    (a, b) =>
      b.hosts.length - a.hosts.length || a.policyId.localeCompare(b.policyId) || a.checkId - b.checkId,
  );
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Security configuration audit — fleet</title>
        <style>
          ${reportStyle}
        </style>
      </head>
      <body>
        <header>
          <p class="kicker">Security configuration audit</p>
          <h1>Fleet report</h1>
          <p class="meta">
            ${audited.length} of ${report.hosts.length} ${report.hosts.length === 1 ? 'host' : 'hosts'}
            audited against ${report.policies.length} ${report.policies.length === 1 ? 'policy' : 'policies'};
            report made ${stamp(report.generatedAt.toISOString())} UTC by Vigil ${report.version}.
          </p>
        </header>

        <section class="summary" aria-label="Summary">
          ${scoreRing(report.fleetScore)}
          <dl class="counts">
            <div>
              <dt>Hosts audited</dt>
              <dd>${audited.length}</dd>
            </div>
            <div class="passed">
              <dt>Checks passed</dt>
              <dd>${passed}</dd>
            </div>
            <div class="failed">
              <dt>Checks failed</dt>
              <dd>${failed}</dd>
            </div>
            <div class="waived">
              <dt>Waivers</dt>
              <dd>${report.waivers.length}</dd>
            </div>
          </dl>
          <p class="explain">
            Each host is scored on its latest audit by each policy: passed ÷ (passed + failed), checks that do
            not apply to the host left out. The fleet score counts every host's checks together. Checks waived
            by an administrator are left out of every score; the waivers and their justification are listed
            below.
          </p>
        </section>

        <section aria-labelledby="policies">
          <h2 id="policies">Policies</h2>
          <table>
            <thead>
              <tr>
                <th>Policy</th>
                <th>Score</th>
                <th>Hosts</th>
                <th>Failed checks</th>
              </tr>
            </thead>
            <tbody>
              ${report.policies.map(
                (policy) =>
                  html`<tr>
                    <td><strong>${policy.name}</strong><br /><span class="id">${policy.id}</span></td>
                    <td>${scoreBar(policy.score)}</td>
                    <td>${policy.hosts}</td>
                    <td>${policy.failed}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </section>

        <section aria-labelledby="groups">
          <h2 id="groups">Host groups</h2>
          <table>
            <thead>
              <tr>
                <th>Group</th>
                <th>Score</th>
                <th>Hosts</th>
              </tr>
            </thead>
            <tbody>
              ${report.groups.map(
                (group) =>
                  html`<tr>
                    <td>${group.group}</td>
                    <td>${scoreBar(group.score)}</td>
                    <td>${group.hosts}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </section>

        <section aria-labelledby="hosts">
          <h2 id="hosts">Hosts</h2>
          <table>
            <thead>
              <tr>
                <th>Host</th>
                <th>Group</th>
                <th>Score</th>
                <th>Passed</th>
                <th>Failed</th>
                <th>Not applicable</th>
                <th>Last audited</th>
              </tr>
            </thead>
            <tbody>
              ${[...report.hosts]
                .sort((a, b) => (a.score ?? 101) - (b.score ?? 101) || a.hostname.localeCompare(b.hostname))
                .map(
                  (host) =>
                    html`<tr>
                      <td>${host.hostname}</td>
                      <td>${host.group}</td>
                      <td>${scoreBar(host.score)}</td>
                      <td>${host.passed}</td>
                      <td>${host.failed}</td>
                      <td>${host.notApplicable}</td>
                      <td>
                        ${host.lastRunAt === null ? html`<em>never</em>` : `${stamp(host.lastRunAt)} UTC`}
                      </td>
                    </tr>`,
                )}
            </tbody>
          </table>
        </section>

        <section aria-labelledby="by-severity">
          <h2 id="by-severity">Failed checks by severity</h2>
          ${failures.length === 0 ? html`<p>No check failed on any host.</p>` : severityCounts(failures)}
          ${[...severities].reverse().map((severity) => {
            const group = failures.filter((check) => check.severity === severity);
            return group.length === 0
              ? ''
              : html`<h3 class="sev-${severity}">${capitalize(severity)} (${group.length})</h3>
                  ${group.map((check) => failedCheckCard(check))}`;
          })}
        </section>

        <section aria-labelledby="by-framework">
          <h2 id="by-framework">By compliance framework</h2>
          ${
            report.frameworks.length === 0
              ? html`<p>The policies map no checks to compliance frameworks.</p>`
              : html`<table>
                  <thead>
                    <tr>
                      <th>Framework</th>
                      <th>Score</th>
                      <th>Checks passed</th>
                      <th>Checks failed</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${[...report.frameworks]
                      .sort((a, b) =>
                        (frameworkNames[a.framework] ?? a.framework).localeCompare(
                          frameworkNames[b.framework] ?? b.framework,
                        ),
                      )
                      .map(
                        (row) =>
                          html`<tr>
                            <td>${frameworkNames[row.framework] ?? row.framework}</td>
                            <td>${scoreBar(row.score)}</td>
                            <td>${row.passed}</td>
                            <td>${row.failed}</td>
                          </tr>`,
                      )}
                  </tbody>
                </table>`
          }
        </section>

        ${waivedSection(report.waivers)}

        <footer>
          <p>
            Policy files are identified by their SHA-256:
            ${report.policies.map((policy) => html`<br /><code>${policy.id}</code> ${policy.sha256}`)}
          </p>
        </footer>
      </body>
    </html> `;
  return page.text;
}

function stamp(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}

/** How many distinct checks fail at each severity, and on how many hosts in all. */
function severityCounts(failures: readonly FleetFailedCheck[]): Html {
  const of = (severity: Severity) => failures.filter((check) => check.severity === severity);
  return html`<table class="compact">
    <thead>
      <tr>
        <th></th>
        ${severities.map((severity) => html`<th>${capitalize(severity)}</th>`)}
      </tr>
    </thead>
    <tbody>
      <tr>
        <th>Checks</th>
        ${severities.map((severity) => html`<td class="sev-${severity}">${of(severity).length}</td>`)}
      </tr>
      <tr>
        <th>Failures on hosts</th>
        ${severities.map(
          (severity) =>
            html`<td class="sev-${severity}">
              ${of(severity).reduce((sum, check) => sum + check.hosts.length, 0)}
            </td>`,
        )}
      </tr>
    </tbody>
  </table>`;
}

function failedCheckCard(check: FleetFailedCheck): Html {
  const shown = check.hosts.slice(0, namedHosts);
  const more = check.hosts.length - shown.length;
  const compliance = Object.entries(check.compliance);
  return html`<article class="check">
    <h4><span class="id">${check.policyId} ${check.checkId}</span> ${check.name}</h4>
    <p class="tags">
      <span class="sev sev-${check.severity}">${check.severity}</span> ${check.policyName} · fails on
      ${check.hosts.length} of ${check.auditedHosts} ${check.auditedHosts === 1 ? 'host' : 'hosts'}
    </p>
    <p><strong>Hosts.</strong> ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}</p>
    ${check.rationale ? html`<p><strong>Why it matters.</strong> ${prose(check.rationale)}</p>` : ''}
    ${
      check.example
        ? html`<p><strong>What was found on ${check.example.hostname}.</strong></p>
            <table class="rules">
              <thead>
                <tr>
                  <th>Rule</th>
                  <th>Evidence</th>
                </tr>
              </thead>
              <tbody>
                ${check.example.rules.map(
                  (rule) =>
                    html`<tr>
                      <td><code>${rule.rule}</code></td>
                      <td class="evidence">${rule.evidence}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : ''
    }
    ${check.remediation ? html`<p><strong>How to fix.</strong> ${prose(check.remediation)}</p>` : ''}
    ${
      compliance.length > 0
        ? html`<p class="compliance">
            ${compliance.map(
              ([framework, ids]) =>
                html`<span>${frameworkNames[framework] ?? framework}: ${ids.join(', ')}</span>`,
            )}
          </p>`
        : ''
    }
  </article>`;
}
