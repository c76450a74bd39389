/** Why a policy did not load, with a stable code (the CLI, API and tests key on it) and where. */
export class ScaPolicyError extends Error {
  override name = 'ScaPolicyError';
  constructor(
    readonly code: 'read_failed' | 'yaml_invalid' | 'schema_invalid' | 'duplicate_check',
    /** The policy file, for people. */
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
  }
}
