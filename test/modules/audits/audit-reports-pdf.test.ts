import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Problem } from '../../../src/protocol/problem.ts';
import type { QueuedAudits } from '../../../src/protocol/audits-api.ts';
import { chromiumPath } from '../../helpers/browser.ts';
import { needs } from '../../helpers/requirements.ts';
import { testDialects, type TestDatabase } from '../../helpers/test-database.ts';
import { filePolicy, harness, type AuditAgent, type Harness } from './harness.ts';

/** PDF is Chromium's business, not the database's: one dialect is enough. */
describe('audit reports as PDF', needs('chromium', 'PDF reports are printed by Chromium'), () => {
  let db: TestDatabase;
  let h: Harness;
  let web1: AuditAgent;
  before(async () => {
    db = await (testDialects[0] as (typeof testDialects)[number]).create();
    h = await harness(db, { audit: { intervalHours: 0, chromiumPath } });
    web1 = await h.enroll('web', 'web1');
    web1.write('/etc/ssh/sshd_config', 'PermitRootLogin yes\n');
    await h.admin.request('PUT', '/api/audit/policies/test_baseline', { source: filePolicy });
    const queued = await h.admin.request<QueuedAudits>('POST', '/api/audit/runs', {
      agents: [web1.id],
      policies: ['test_baseline'],
    });
    assert.equal(queued.status, 202);
    const [task] = await web1.poll();
    assert.ok(task);
    await web1.run(task);
  });
  after(async () => {
    await h.close();
    await db.dispose();
  });

  const pdf = async (path: string) => {
    const response = await fetch(`${h.server.url}${path}`, { headers: { cookie: h.admin.cookie ?? '' } });
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(bytes.subarray(-8).toString('latin1'), /%%EOF\s*$/);
    return { bytes, disposition: response.headers.get('content-disposition') ?? '' };
  };

  test('the fleet and host reports print to real PDFs', async () => {
    const fleet = await pdf('/api/audit/reports/fleet.pdf');
    assert.match(fleet.disposition, /^attachment; filename="vigil-audit-fleet-\d{4}-\d{2}-\d{2}\.pdf"$/);
    assert.ok(fleet.bytes.length > 10_000, `${fleet.bytes.length} bytes`);
    const host = await pdf(`/api/audit/reports/hosts/${web1.id}.pdf`);
    assert.match(host.disposition, /filename="vigil-audit-web1-/);
  });

  test('without Chromium, 503 says where it was looked for', async () => {
    h.server.deps.config.audit.chromiumPath = '/nonexistent/chromium';
    try {
      const answer = await h.admin.request<Problem>('GET', '/api/audit/reports/fleet.pdf');
      assert.equal(answer.status, 503);
      assert.equal(answer.body.code, 'not_ready');
      assert.match(answer.body.detail ?? '', /\/nonexistent\/chromium \(audit\.chromiumPath\)/);
      assert.equal((await h.admin.request('GET', '/api/audit/reports/fleet.html')).status, 200);
    } finally {
      h.server.deps.config.audit.chromiumPath = chromiumPath;
    }
  });
});
