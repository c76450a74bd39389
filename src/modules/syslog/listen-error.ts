import { AppError } from '../../platform/errors.ts';

const reasons: Record<string, string> = {
  EADDRINUSE: 'the address is already in use',
  EACCES: 'permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)',
  EADDRNOTAVAIL: 'this host has no such address',
};

/** A failed bind as a configuration error that names the setting, which the CLI prints on one line. */
export function listenError(setting: string, host: string, port: number, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = reasons[code] ?? (error instanceof Error ? error.message : String(error));
  return new AppError('config_invalid', `${setting}: cannot listen on ${host}:${port}: ${reason}`, {
    cause: error,
  });
}
