import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { AppError } from './errors.ts';
import { envValue } from './env-value.ts';
import { ConfigSchema, type Config, type ConfigInput } from './config-schema.ts';

export { ConfigSchema, type Config, type ConfigInput };

type Raw = Record<string, unknown>;
type Kind = 'string' | 'int' | 'bool';

/** The environment variables Vigil reads for configuration; each also accepts a `<NAME>_FILE` form. */
export const configEnv: Record<string, { path: string[]; kind: Kind }> = {
  VIGIL_DATA_DIR: { path: ['dataDir'], kind: 'string' },
  VIGIL_HOST: { path: ['server', 'host'], kind: 'string' },
  VIGIL_PORT: { path: ['server', 'port'], kind: 'int' },
  VIGIL_PUBLIC_URL: { path: ['server', 'publicUrl'], kind: 'string' },
  VIGIL_TRUST_PROXY: { path: ['server', 'trustProxy'], kind: 'bool' },
  VIGIL_DATABASE_URL: { path: ['database', 'url'], kind: 'string' },
  VIGIL_LOG_LEVEL: { path: ['log', 'level'], kind: 'string' },
  VIGIL_SYSLOG_UDP_PORT: { path: ['syslog', 'udp', 'port'], kind: 'int' },
  VIGIL_SYSLOG_TCP_PORT: { path: ['syslog', 'tcp', 'port'], kind: 'int' },
};

/** VIGIL_* variables that are not configuration keys but are read elsewhere. */
const otherVigilEnv = new Set([
  'VIGIL_CONFIG',
  'VIGIL_DEBUG',
  'VIGIL_ENROLL_TOKEN',
  'VIGIL_ADMIN_PASSWORD',
  'VIGIL_TEST_DATABASE_URL',
  'VIGIL_CORPORA',
  'VIGIL_FEEDS',
]);

export interface ConfigSources {
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Already shaped like the config, from command-line flags. */
  flags?: Raw;
  readFile?: (path: string) => string;
}

export interface LoadedConfig {
  config: Config;
  warnings: string[];
}

export function loadConfig(sources: ConfigSources = {}): LoadedConfig {
  const readFile = sources.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const env = sources.env ?? {};
  const warnings: string[] = [];
  const layers: { source: string; raw: Raw }[] = [];
  if (sources.file !== undefined)
    layers.push({ source: sources.file, raw: parseYamlFile(sources.file, readFile) });
  layers.push({ source: 'environment', raw: rawFromEnv(env, readFile, warnings) });
  if (sources.flags) layers.push({ source: 'command line', raw: sources.flags });

  let merged: Raw = {};
  for (const layer of layers) {
    validate(layer.raw, layer.source);
    merged = deepMerge(merged, layer.raw);
  }
  const config = validate(merged, 'configuration');
  return { config: { ...config, dataDir: resolve(config.dataDir) }, warnings };
}

function parseYamlFile(path: string, readFile: (path: string) => string): Raw {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    throw new AppError(
      'config_invalid',
      `${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first)
    throw new AppError('config_invalid', `${path}: ${first.message.split('\n')[0] ?? 'invalid YAML'}`);
  const value: unknown = doc.toJS({ maxAliasCount: 50 });
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new AppError('config_invalid', `${path}: the top level must be a mapping of keys`);
  }
  return value as Raw;
}

function rawFromEnv(env: NodeJS.ProcessEnv, readFile: (path: string) => string, warnings: string[]): Raw {
  const raw: Raw = {};
  for (const [name, spec] of Object.entries(configEnv)) {
    const value = envValue(env, name, readFile);
    if (value === undefined) continue;
    setPath(raw, spec.path, convert(name, value, spec.kind));
  }
  for (const name of Object.keys(env)) {
    const base = name.endsWith('_FILE') ? name.slice(0, -5) : name;
    if (name.startsWith('VIGIL_') && !(base in configEnv) && !otherVigilEnv.has(base)) {
      warnings.push(`unknown environment variable ${name} ignored`);
    }
  }
  return raw;
}

function convert(name: string, value: string, kind: Kind): unknown {
  if (kind === 'string') return value;
  if (kind === 'int') {
    if (!/^\d+$/.test(value))
      throw new AppError('config_invalid', `${name}: expected a whole number, got "${value}"`);
    return Number(value);
  }
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new AppError('config_invalid', `${name}: expected true or false, got "${value}"`);
}

function validate(raw: Raw, source: string): Config {
  const result = ConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => describeIssue(issue));
  throw new AppError('config_invalid', `${source}: ${lines.join('; ')}`, {
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => (at ? `${at}.${key}` : key));
    return `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((key) => `"${key}"`).join(', ')}`;
  }
  return `${at || '(top level)'}: ${issue.message}`;
}

function setPath(target: Raw, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = typeof next === 'object' && next !== null ? next : {};
    node = node[key] as Raw;
  }
  node[path[path.length - 1] as string] = value;
}

function deepMerge(base: Raw, over: Raw): Raw {
  const out: Raw = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (key === '__proto__') throw new AppError('config_invalid', 'unknown key "__proto__"');
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
