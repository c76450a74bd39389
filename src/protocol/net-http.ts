/* HTTP audit of one endpoint (docs/ssh-http-audit.md); owned by the `nethttp` module. */

export interface HttpReport {
  address: string;
  port: number;
  tls: boolean;
  /** The Host header sent. */
  host: string;
  status: number;
  /** `Server` and `X-Powered-By` as sent (printable, capped). */
  server?: string | undefined;
  poweredBy?: string | undefined;
  title?: string | undefined;
  /** Where GET / redirected when that left this scheme, host and port (not followed; printable, capped). */
  redirect?: string | undefined;
  /** Security headers by lowercase name: the value sent, or null when missing. */
  securityHeaders: Record<string, string | null>;
  /** Paths probed that answered with something that is not a not-found, with their status. */
  exposedPaths: { path: string; status: number; what: string }[];
}
