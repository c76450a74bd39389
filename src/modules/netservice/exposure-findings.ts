import type { Severity } from '../../protocol/finding.ts';
import {
  endpointFinding,
  type FindingText,
  type NetFinding,
  type ServiceInfo,
  type ServiceName,
} from '../../protocol/netscan.ts';

/*
 * Exposure checks (docs/service-detection.md): what an identified service gives away to whoever can
 * reach it. Judged only from what identifyService saw; nothing here connects anywhere.
 */

export interface ExposureContext {
  /** The name the target was given as. */
  host?: string;
  /** The internet reaches this host: databases, caches, brokers, RDP and SMB should never face it. */
  internetFacing?: boolean;
}

interface Check {
  check: string;
  title: string;
  severity: Severity;
  remediation: string;
  tags: string[];
}

const missingAuth = ['CWE-306', 'T1190'];
const cleartext = ['cleartext', 'CWE-319', 'T1040'];

/** Services whose probe can prove that no credentials are needed. */
const noAuthChecks: Partial<Record<ServiceName, Check>> = {
  redis: {
    check: 'exposure.redis-no-auth',
    title: 'Redis accepts commands without a password',
    severity: 'critical',
    remediation:
      'Set `requirepass` (or ACL users with `user default off`), bind Redis to the addresses that need it, and keep `protected-mode yes`.',
    tags: missingAuth,
  },
  postgresql: {
    check: 'exposure.postgresql-no-auth',
    title: 'PostgreSQL lets the postgres superuser in without a password (trust)',
    severity: 'critical',
    remediation:
      'Replace `trust` in pg_hba.conf with `scram-sha-256` for every network entry, then `SELECT pg_reload_conf()`.',
    tags: missingAuth,
  },
  mysql: {
    check: 'exposure.mysql-no-auth',
    title: 'MySQL/MariaDB lets root in with an empty password',
    severity: 'critical',
    remediation:
      "Give every root account a password (`ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY …`), drop remote and anonymous root accounts (`mariadb-secure-installation`), and bind to internal addresses only.",
    tags: missingAuth,
  },
  mongodb: {
    check: 'exposure.mongodb-no-auth',
    title: 'MongoDB lists its databases to an unauthenticated client',
    severity: 'critical',
    remediation:
      'Enable `security.authorization: enabled`, create users, and bind mongod to internal addresses only.',
    tags: missingAuth,
  },
  elasticsearch: {
    check: 'exposure.elasticsearch-no-auth',
    title: 'Elasticsearch answers without authentication',
    severity: 'critical',
    remediation:
      'Enable security (`xpack.security.enabled: true`) with TLS and passwords, and firewall port 9200.',
    tags: missingAuth,
  },
  nats: {
    check: 'exposure.nats-no-auth',
    title: 'NATS accepts clients without credentials',
    severity: 'high',
    remediation:
      'Configure `authorization` (users, tokens or NKeys) or decentralized JWT auth, and require TLS.',
    tags: missingAuth,
  },
  mqtt: {
    check: 'exposure.mqtt-no-auth',
    title: 'MQTT broker accepts anonymous clients',
    severity: 'high',
    remediation:
      'Set `allow_anonymous false` with a password file or another auth plugin, and an ACL limiting each client to its topics.',
    tags: missingAuth,
  },
};

/** Services that should sit behind a firewall or VPN, never on the internet, even with a password. */
const internetChecks: Partial<Record<ServiceName, { severity: Severity; what: string; tags: string[] }>> = {
  postgresql: { severity: 'high', what: 'PostgreSQL database', tags: ['T1190'] },
  mysql: { severity: 'high', what: 'MySQL/MariaDB database', tags: ['T1190'] },
  mongodb: { severity: 'high', what: 'MongoDB database', tags: ['T1190'] },
  redis: { severity: 'high', what: 'Redis cache', tags: ['T1190'] },
  elasticsearch: { severity: 'high', what: 'Elasticsearch cluster', tags: ['T1190'] },
  rdp: { severity: 'high', what: 'Remote Desktop (RDP)', tags: ['T1133', 'T1021.001'] },
  smb: { severity: 'critical', what: 'SMB file sharing', tags: ['T1133', 'T1021.002'] },
  amqp: { severity: 'medium', what: 'AMQP message broker', tags: ['T1190'] },
  nats: { severity: 'medium', what: 'NATS message broker', tags: ['T1190'] },
  mqtt: { severity: 'medium', what: 'MQTT broker', tags: ['T1190'] },
};

function describe(service: ServiceInfo): string {
  const product = [service.product, service.version].filter(Boolean).join(' ');
  const name = product || service.service;
  return `${name} on ${service.address} port ${service.port}/${service.transport}${service.tls ? ' (TLS)' : ''}`;
}

/** What the probe saw that proves the service needs no credentials, in words an admin can re-check. */
function noAuthEvidence(service: ServiceInfo): string {
  const where = describe(service);
  switch (service.service) {
    case 'redis':
      return `${where} answered PING with +PONG and INFO without AUTH (try: redis-cli -h ${service.address} -p ${service.port} INFO server).`;
    case 'postgresql':
      return `${where} sent AuthenticationOk to a StartupMessage as user postgres, database postgres, without asking for a password (try: psql -h ${service.address} -p ${service.port} -U postgres).`;
    case 'mysql':
      return `${where} accepted a login as root with an empty password (try: mariadb -h ${service.address} -P ${service.port} -u root).`;
    case 'mongodb':
      return `${where} answered listDatabases with ok: 1 to an unauthenticated client${service.details?.databases ? ` (${service.details.databases} databases)` : ''}.`;
    case 'elasticsearch':
      return `${where} answered GET / with its cluster document${service.details?.clusterName ? ` (cluster ${service.details.clusterName})` : ''} and no 401.`;
    case 'nats':
      return `${where} announced auth_required false in its INFO greeting.`;
    case 'mqtt':
      return `${where} answered a CONNECT without user name or password with CONNACK code 0 (accepted).`;
    default:
      return `${where} let the probe in without credentials.`;
  }
}

function mailFindings(service: ServiceInfo): FindingText[] {
  const where = describe(service);
  const details = service.details ?? {};
  const protocol = service.service.toUpperCase();
  const upgrade = service.service === 'pop3' ? 'STLS' : 'STARTTLS';
  const mechanisms = details.authMechanisms;
  const login = Boolean(mechanisms) || details.plaintextLogin === 'yes';
  const offered = [
    mechanisms && `AUTH ${mechanisms}`,
    details.plaintextLogin === 'yes' && (service.service === 'pop3' ? 'USER/PASS' : 'LOGIN'),
  ]
    .filter(Boolean)
    .join(', ');
  const found = [];
  if (service.service === 'smtp') {
    if (mechanisms) {
      found.push({
        check: 'exposure.cleartext-smtp-auth',
        title: 'SMTP offers authentication on an unencrypted connection',
        severity: 'medium' as const,
        evidence: `${where} listed AUTH ${mechanisms} in its EHLO reply before any TLS${service.starttls ? ' (STARTTLS is offered but not required first)' : ''}.`,
        remediation:
          'Offer AUTH only after STARTTLS (Postfix: `smtpd_tls_auth_only = yes`; Exim: `server_advertise_condition = ${if def:tls_in_cipher}`), or take submissions on port 465 with implicit TLS.',
        tags: cleartext,
      });
    }
    if (service.starttls !== true) {
      found.push({
        check: 'exposure.smtp-no-starttls',
        title: 'SMTP server does not offer STARTTLS',
        severity: 'low' as const,
        evidence: `${where} did not list STARTTLS in its EHLO reply: mail to and through it travels in clear text.`,
        remediation:
          'Configure a certificate and enable STARTTLS (Postfix: `smtpd_tls_security_level = may`).',
        tags: cleartext,
      });
    }
    return found;
  }
  if (service.starttls !== true) {
    found.push({
      check: `exposure.${service.service}-no-starttls`,
      title: `${protocol} server offers no ${upgrade}: logins go in clear text`,
      severity: 'high' as const,
      evidence: `${where} did not offer ${upgrade}${offered ? `; it accepts ${offered}` : ''}.`,
      remediation: `Enable ${upgrade} with a valid certificate, or serve ${protocol} only over implicit TLS (port ${service.service === 'imap' ? 993 : 995}) and close this port.`,
      tags: cleartext,
    });
  } else if (login) {
    found.push({
      check: `exposure.cleartext-${service.service}-auth`,
      title: `${protocol} accepts logins before ${upgrade}`,
      severity: 'medium' as const,
      evidence: `${where} offers ${upgrade} but already accepts ${offered} on the unencrypted connection.`,
      remediation:
        service.service === 'imap'
          ? 'Refuse logins before TLS (Dovecot: `disable_plaintext_auth = yes` / `auth_allow_cleartext = no`), or serve IMAP only on 993.'
          : 'Refuse logins before TLS (Dovecot: `disable_plaintext_auth = yes` / `auth_allow_cleartext = no`), or serve POP3 only on 995.',
      tags: cleartext,
    });
  }
  return found;
}

/**
 * Exposure findings for one identified service: access without credentials, clear-text logins, and,
 * for hosts the internet reaches, services that belong behind a firewall.
 */
export function exposureFindings(service: ServiceInfo, context: ExposureContext = {}): NetFinding[] {
  const found: FindingText[] = [];
  const where = describe(service);

  const noAuth = noAuthChecks[service.service];
  if (noAuth && service.auth === 'none') {
    const { check, title, severity, remediation, tags } = noAuth;
    found.push({ check, title, severity, evidence: noAuthEvidence(service), remediation, tags });
  }

  if (service.service === 'telnet') {
    found.push({
      check: 'exposure.cleartext-telnet',
      title: 'Telnet is open: logins and sessions travel in clear text',
      severity: 'high',
      evidence: `${where} negotiated Telnet options${service.banner ? ` and said "${service.banner}"` : ''}.`,
      remediation: 'Disable the Telnet service and use SSH instead.',
      tags: cleartext,
    });
  }
  if (service.service === 'ftp' && !service.tls && service.starttls !== true) {
    found.push({
      check: 'exposure.cleartext-ftp',
      title: 'FTP without TLS: user names and passwords travel in clear text',
      severity: 'high',
      evidence: `${where} does not offer AUTH TLS in its FEAT reply${service.banner ? `; greeting "${service.banner}"` : ''}.`,
      remediation:
        'Require FTPS (vsftpd: `ssl_enable=YES`, `force_local_logins_ssl=YES`) or replace FTP with SFTP.',
      tags: cleartext,
    });
  }
  if (
    (service.service === 'smtp' || service.service === 'imap' || service.service === 'pop3') &&
    !service.tls
  ) {
    found.push(...mailFindings(service));
  }

  const internet = internetChecks[service.service];
  if (internet && context.internetFacing === true) {
    found.push({
      check: `exposure.internet-${service.service}`,
      title: `${internet.what} reachable from the internet`,
      severity: internet.severity,
      evidence: `${where} accepted a connection on a host marked internet-facing.`,
      remediation: `Close the port to the internet (firewall, security group) and reach the ${internet.what} over a VPN or a private network.`,
      tags: ['internet-facing', ...internet.tags],
    });
  }

  return found.map((finding) => endpointFinding({ ...service, host: context.host }, finding));
}
