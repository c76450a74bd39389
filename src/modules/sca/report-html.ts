import { severities } from '../../protocol/finding.ts';
import type { ScaCheck, ScaCheckResult, ScaPolicy, ScaPolicyRun, ScaResult } from '../../protocol/sca.ts';
import { auditScore } from './audit-score.ts';
import { html, type Html } from './html.ts';
import { reportStyle } from './report-style.ts';

export interface AuditedPolicy {
  policy: ScaPolicy;
  run: ScaPolicyRun;
}

/** A check excluded by an admin, shown with its justification rather than as a failure. */
export interface ReportWaiver {
  policyId: string;
  checkId: number;
  scope: string;
  justification: string;
  owner: string;
  expiresAt: string | null;
}

export interface HostReport {
  host: string;
  /** `this host`, `root /mnt/image`, or the agent's description. */
  target: string;
  generatedAt: Date;
  version: string;
  audited: readonly AuditedPolicy[];
  waivers?: readonly ReportWaiver[];
}

/** A rule's verdict in words that read right under every condition (in a `none` check, a rule that holds is bad news). */
const ruleLabel: Record<ScaResult, string> = {
  passed: 'holds',
  failed: 'does not hold',
  not_applicable: 'could not be checked',
};

export const frameworkNames: Record<string, string> = {
  pci_dss: 'PCI DSS',
  nist_800_53: 'NIST SP 800-53',
  nist_800_171: 'NIST SP 800-171',
  iso_27001: 'ISO/IEC 27001',
  cis: 'CIS Benchmarks',
  cis_csc: 'CIS Controls',
  hipaa: 'HIPAA',
  gdpr: 'GDPR',
  tsc: 'SOC 2 (TSC)',
  nis2: 'NIS2',
  cmmc: 'CMMC',
  fedramp: 'FedRAMP',
};

/**
 * One host's audit as a self-contained HTML page (no scripts, no external resources), written
 * for an auditor who has never seen Vigil: what was checked, the score, every failure with
 * its evidence and fix, grouped by severity and by compliance framework, and what was waived
 * and why. Prints to PDF as it shows on screen.
 */
export function renderHostReport(report: HostReport): string {
  const waived = new Map(
    (report.waivers ?? []).map((waiver) => [`${waiver.policyId}/${waiver.checkId}`, waiver]),
  );
  const checks = report.audited.flatMap(({ policy, run }) =>
    run.results.map((result) => ({ policy, result, check: checkOf(policy, result) })),
  );
  const counted = checks.filter((item) => !waived.has(key(item.result)));
  const count = (result: ScaResult) => counted.filter((item) => item.result.result === result).length;
  const passed = count('passed');
  const failed = count('failed');
  const score = auditScore(passed, failed);
  const failures = counted.filter((item) => item.result.result === 'failed');

  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Security configuration audit — ${report.host}</title>
        <style>
          ${reportStyle}
        </style>
      </head>
      <body>
        <header>
          <p class="kicker">Security configuration audit</p>
          <h1>${report.host}</h1>
          <p class="meta">
            Audited ${report.target} on ${report.generatedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC
            with Vigil ${report.version} against ${report.audited.length}
            ${report.audited.length === 1 ? 'policy' : 'policies'}.
          </p>
        </header>

        <section class="summary" aria-label="Summary">
          ${scoreRing(score)}
          <dl class="counts">
            <div class="passed">
              <dt>Passed</dt>
              <dd>${passed}</dd>
            </div>
            <div class="failed">
              <dt>Failed</dt>
              <dd>${failed}</dd>
            </div>
            <div class="na">
              <dt>Not applicable</dt>
              <dd>${count('not_applicable')}</dd>
            </div>
            <div class="waived">
              <dt>Waived</dt>
              <dd>${checks.length - counted.length}</dd>
            </div>
          </dl>
          <p class="explain">
            The score is the share of applicable checks that passed: passed ÷ (passed + failed). A check is
            <em>not applicable</em> when the host does not have what it checks or the policy's requirements do
            not fit the host; the reason is listed for each. Waived checks were excluded by an administrator,
            with the justification given below.
          </p>
        </section>

        <section aria-labelledby="policies">
          <h2 id="policies">Policies</h2>
          <table>
            <thead>
              <tr>
                <th>Policy</th>
                <th>Score</th>
                <th>Passed</th>
                <th>Failed</th>
                <th>Not applicable</th>
                <th>Duration</th>
              </tr>
            </thead>
            <tbody>
              ${report.audited.map(({ policy, run }) => policyRow(policy, run, waived))}
            </tbody>
          </table>
        </section>

        <section aria-labelledby="by-severity">
          <h2 id="by-severity">Failed checks by severity</h2>
          ${failures.length === 0 ? html`<p>No check failed.</p>` : severityTable(failures.map((item) => item.result))}
          ${[...severities].reverse().map((severity) => {
            const group = failures.filter((item) => item.result.severity === severity);
            return group.length === 0
              ? ''
              : html`<h3 class="sev-${severity}">${capitalize(severity)} (${group.length})</h3>
                  ${group.map((item) => failureCard(item.policy, item.check, item.result))}`;
          })}
        </section>

        <section aria-labelledby="by-framework">
          <h2 id="by-framework">By compliance framework</h2>
          ${frameworkTable(counted)}
        </section>

        ${waivedSection(report.waivers ?? [])}

        <section aria-labelledby="na">
          <h2 id="na">Not applicable</h2>
          <details>
            <summary>
              ${count('not_applicable')} checks did not apply to this host, with the reason for each
            </summary>
            <table>
              <thead>
                <tr>
                  <th>Check</th>
                  <th>Reason</th>
                </tr>
              </thead>
              <tbody>
                ${counted
                  .filter((item) => item.result.result === 'not_applicable')
                  .map(
                    (item) =>
                      html`<tr>
                        <td>${checkLabel(item.result)}</td>
                        <td>${item.result.reason ?? ''}</td>
                      </tr>`,
                  )}
              </tbody>
            </table>
          </details>
        </section>

        <section aria-labelledby="passed">
          <h2 id="passed">Passed</h2>
          <details>
            <summary>${passed} checks passed</summary>
            <table>
              <thead>
                <tr>
                  <th>Check</th>
                  <th>Evidence</th>
                </tr>
              </thead>
              <tbody>
                ${counted
                  .filter((item) => item.result.result === 'passed')
                  .map(
                    (item) =>
                      html`<tr>
                        <td>${checkLabel(item.result)}</td>
                        <td class="evidence">${item.result.rules.map((rule) => rule.evidence).join('\n')}</td>
                      </tr>`,
                  )}
              </tbody>
            </table>
          </details>
        </section>

        <footer>
          <p>
            Policy files are identified by their SHA-256:
            ${report.audited.map(({ policy }) => html`<br /><code>${policy.id}</code> ${policy.sha256}`)}
          </p>
        </footer>
      </body>
    </html> `;
  return page.text;
}

function key(result: ScaCheckResult): string {
  return `${result.policyId}/${result.checkId}`;
}

function checkOf(policy: ScaPolicy, result: ScaCheckResult): ScaCheck | undefined {
  return policy.checks.find((check) => check.id === result.checkId);
}

function checkLabel(result: ScaCheckResult): Html {
  return html`<span class="id">${result.policyId} ${result.checkId}</span> ${result.name}`;
}

/** A score as a small bar and its figure; a dash when nothing was decided. */
export function scoreBar(score: number | null): Html | string {
  return score === null
    ? '—'
    : html`<span class="bar"><span style="width:${score}%"></span></span> ${score}%`;
}

export function scoreRing(score: number | null): Html {
  const value = score ?? 0;
  const circumference = 2 * Math.PI * 52;
  const tone = score === null ? 'none' : value >= 80 ? 'good' : value >= 50 ? 'fair' : 'poor';
  return html`<figure
    class="ring ${tone}"
    aria-label="Score ${score === null ? 'not available' : `${value} percent`}"
  >
    <svg viewBox="0 0 120 120" width="140" height="140" role="img">
      <circle cx="60" cy="60" r="52" class="track" />
      <circle
        cx="60"
        cy="60"
        r="52"
        class="value"
        stroke-dasharray="${((value / 100) * circumference).toFixed(1)} ${circumference.toFixed(1)}"
        transform="rotate(-90 60 60)"
      />
      <text x="60" y="66" text-anchor="middle">${score === null ? '—' : `${value}%`}</text>
    </svg>
    <figcaption>Score</figcaption>
  </figure>`;
}

/** A policy's counts and score as the summary counts them: waived checks left out. */
function policyRow(policy: ScaPolicy, run: ScaPolicyRun, waived: ReadonlyMap<string, ReportWaiver>): Html {
  const counted = run.results.filter((result) => !waived.has(key(result)));
  const count = (result: ScaResult) => counted.filter((item) => item.result === result).length;
  const [passed, failed] = [count('passed'), count('failed')];
  const score = auditScore(passed, failed);
  return html`<tr>
    <td>
      <strong>${policy.name}</strong><br /><span class="id">${policy.id}</span>${
        run.applicable
          ? ''
          : html`<br /><em>Requirements not met: the policy does not apply to this host.</em>`
      }
    </td>
    <td>${scoreBar(score)}</td>
    <td>${passed}</td>
    <td>${failed}</td>
    <td>${count('not_applicable')}</td>
    <td>${(run.durationMs / 1000).toFixed(1)} s</td>
  </tr>`;
}

function severityTable(failures: readonly ScaCheckResult[]): Html {
  return html`<table class="compact">
    <thead>
      <tr>
        ${severities.map((severity) => html`<th>${capitalize(severity)}</th>`)}
      </tr>
    </thead>
    <tbody>
      <tr>
        ${severities.map((severity) => html`<td class="sev-${severity}">${failures.filter((result) => result.severity === severity).length}</td>`)}
      </tr>
    </tbody>
  </table>`;
}

function failureCard(policy: ScaPolicy, check: ScaCheck | undefined, result: ScaCheckResult): Html {
  const compliance = Object.entries(check?.compliance ?? {});
  return html`<article class="check">
    <h4>${checkLabel(result)}</h4>
    <p class="tags">
      <span class="sev sev-${result.severity}">${result.severity}</span> ${policy.name}${
        check && check.mitre.techniques.length > 0
          ? html` · MITRE ATT&amp;CK ${check.mitre.techniques.join(', ')}`
          : ''
      }
    </p>
    ${check?.description ? html`<p>${prose(check.description)}</p>` : ''}
    ${check?.rationale ? html`<p><strong>Why it matters.</strong> ${prose(check.rationale)}</p>` : ''}
    <p><strong>What was found.</strong> ${conditionText(result.condition)}</p>
    <table class="rules">
      <thead>
        <tr>
          <th>Rule</th>
          <th>Result</th>
          <th>Evidence</th>
        </tr>
      </thead>
      <tbody>
        ${result.rules.map(
          (rule) =>
            html`<tr>
              <td><code>${rule.rule}</code></td>
              <td class="${rule.verdict}">${ruleLabel[rule.verdict]}</td>
              <td class="evidence">${rule.evidence}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${check?.remediation ? html`<p><strong>How to fix.</strong> ${prose(check.remediation)}</p>` : ''}
    ${compliance.length > 0 ? html`<p class="compliance">${compliance.map(([framework, ids]) => html`<span>${frameworkNames[framework] ?? framework}: ${ids.join(', ')}</span>`)}</p>` : ''}
  </article>`;
}

function conditionText(condition: ScaCheckResult['condition']): string {
  if (condition === 'all') return 'The check passes when every rule below holds.';
  if (condition === 'any') return 'The check passes when at least one rule below holds.';
  return 'The check passes when none of the rules below holds.';
}

function frameworkTable(items: readonly { check: ScaCheck | undefined; result: ScaCheckResult }[]): Html {
  const frameworks = new Map<string, { passed: number; failed: number; controls: Set<string> }>();
  for (const { check, result } of items) {
    if (result.result === 'not_applicable') continue;
    for (const [framework, ids] of Object.entries(check?.compliance ?? {})) {
      const entry = frameworks.get(framework) ?? { passed: 0, failed: 0, controls: new Set<string>() };
      entry[result.result] += 1;
      if (result.result === 'failed') ids.forEach((id) => entry.controls.add(id));
      frameworks.set(framework, entry);
    }
  }
  if (frameworks.size === 0) return html`<p>The policies map no checks to compliance frameworks.</p>`;
  const rows = [...frameworks].sort(([a], [b]) =>
    (frameworkNames[a] ?? a).localeCompare(frameworkNames[b] ?? b),
  );
  return html`<table>
    <thead>
      <tr>
        <th>Framework</th>
        <th>Score</th>
        <th>Checks passed</th>
        <th>Checks failed</th>
        <th>Controls with a failed check</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(([framework, entry]) => {
        const score = auditScore(entry.passed, entry.failed);
        return html`<tr>
          <td>${frameworkNames[framework] ?? framework}</td>
          <td>${scoreBar(score)}</td>
          <td>${entry.passed}</td>
          <td>${entry.failed}</td>
          <td class="controls">${[...entry.controls].sort().join(', ')}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

export function waivedSection(waivers: readonly ReportWaiver[]): Html {
  return html`<section aria-labelledby="waivers">
    <h2 id="waivers">Waivers</h2>
    ${
      waivers.length === 0
        ? html`<p>No check was waived.</p>`
        : html`<table>
            <thead>
              <tr>
                <th>Check</th>
                <th>Applies to</th>
                <th>Justification</th>
                <th>Owner</th>
                <th>Expires</th>
              </tr>
            </thead>
            <tbody>
              ${waivers.map(
                (waiver) =>
                  html`<tr>
                    <td><span class="id">${waiver.policyId} ${waiver.checkId}</span></td>
                    <td>${waiver.scope}</td>
                    <td>${waiver.justification}</td>
                    <td>${waiver.owner}</td>
                    <td>${waiver.expiresAt ?? 'never'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

/** Policy text with `backtick` spans shown as code; everything escaped. */
export function prose(text: string): Html {
  return html`${text.split('`').map((part, index) => (index % 2 === 1 ? html`<code>${part}</code>` : part))}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
