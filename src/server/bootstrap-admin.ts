import { countUsers } from '../modules/users/store.ts';
import { createAccount } from '../modules/users/accounts.ts';
import type { Deps } from '../modules/deps.ts';
import { AppError, isAppError } from '../platform/errors.ts';

export interface BootstrapResult {
  created: boolean;
  /** Set only when Vigil generated the password, so the caller can show it once. */
  generatedPassword?: string;
}

/**
 * Creates the `admin` account on an empty database. The generated password
 * goes back to the caller for the console and nowhere else.
 */
export async function bootstrapAdmin(
  deps: Deps,
  presetPassword: string | undefined,
): Promise<BootstrapResult> {
  if ((await countUsers(deps.database.db)) > 0) return { created: false };
  const generated = presetPassword === undefined ? deps.random.secret(24) : undefined;
  try {
    await createAccount(deps.database.db, deps.random, deps.clock.now(), {
      username: 'admin',
      displayName: 'Administrator',
      role: 'admin',
      password: presetPassword ?? (generated as string),
    });
  } catch (error) {
    // Another server process starting at the same moment won the race.
    if (isAppError(error) && error.code === 'conflict') return { created: false };
    if (isAppError(error) && error.code === 'weak_password') {
      throw new AppError('config_invalid', `VIGIL_ADMIN_PASSWORD: ${error.message}`);
    }
    throw error;
  }
  return generated === undefined ? { created: true } : { created: true, generatedPassword: generated };
}
