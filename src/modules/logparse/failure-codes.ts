import type { SecurityEvent } from '../../protocol/security-event.ts';

/**
 * Event codes that are a failed login attempt: what brute-force rules count. Documented in
 * docs/detection.md; the conformance tests call fail2ban's normal mode this set.
 */
export const authFailureCodes: ReadonlySet<string> = new Set([
  'sshd.auth_failed',
  'sshd.invalid_user',
  'sshd.user_not_allowed',
  'sshd.root_refused',
  'sshd.connect_refused',
  'sshd.max_auth_exceeded',
  'sshd.user_change_refused',
  'sshd.user_switch',
  'pam.auth_failure',
  'dropbear.auth_failed',
  'dropbear.invalid_user',
  'dropbear.max_auth_exceeded',
  'web.auth_failed',
]);

/** Connections that never got as far as a login: scanners, floods, banner grabbers. */
export const probeCodes: ReadonlySet<string> = new Set([
  'sshd.no_identification',
  'sshd.bad_protocol',
  'sshd.auth_timeout',
  'sshd.connection_reset',
  'sshd.preauth_close',
  'sshd.max_startups_drop',
]);

/** Clients that could not agree on algorithms or had no usable method: old bots and scanners. */
export const negotiationFailureCodes: ReadonlySet<string> = new Set([
  'sshd.negotiation_failed',
  'sshd.no_auth_methods',
]);

/**
 * Whether an event counts as a failed login. pam_unix's "authentication failure" written for sshd
 * is left out: sshd logs the same attempt itself ("Failed password …"), and with stacked PAM
 * modules (pam_unix then pam_ldap) the login may still succeed.
 */
export function isAuthFailure(event: SecurityEvent): boolean {
  const code = event.metadata.event_code;
  if (code === undefined || !authFailureCodes.has(code)) return false;
  return !(code === 'pam.auth_failure' && isSshd(event.metadata.product.name));
}

export function isSshd(program: string): boolean {
  return program === 'sshd' || program === 'sshd-session' || program === 'sshd-auth';
}
