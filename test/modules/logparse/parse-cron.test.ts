import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from './parse-helper.ts';

test('cron commands and sessions', () => {
  const command = parse(
    'Feb 20 10:17:01 web1 CRON[300]: (root) CMD (cd / && run-parts --report /etc/cron.hourly)',
  );
  assert.equal(command.metadata.event_code, 'cron.command');
  assert.equal(command.class_uid, 1007);
  assert.equal(command.actor?.user?.name, 'root');
  assert.equal(command.process?.cmd_line, 'cd / && run-parts --report /etc/cron.hourly');
  const session = parse(
    'Feb 20 10:17:01 web1 CRON[300]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)',
  );
  assert.equal(session.metadata.event_code, 'pam.session_opened');
  assert.equal(session.unmapped?.pam_service, 'cron');
  assert.equal(parse('Feb 20 10:20:00 web1 crontab[310]: (bob) REPLACE (bob)').class_uid, 0);
  assert.equal(
    parse('Feb 20 10:20:00 web1 cron[310]: (bob) REPLACE (bob)').metadata.event_code,
    'cron.crontab_change',
  );
});
