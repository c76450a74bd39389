import { basename } from 'node:path';
import type { InstalledPackage } from '../../protocol/inventory.ts';
import { AppError } from '../../platform/errors.ts';
import { readTextFile } from '../inventory/read-text-file.ts';

/*
 * The pinned dependencies of a project, from its lockfile, as installed packages the matcher looks
 * up in the npm and PyPI ecosystems (as osv-scanner does). The format is told by the file name:
 *
 *   package-lock.json, npm-shrinkwrap.json   lockfileVersion 2 and 3: the flat `packages` map keyed
 *       by node_modules paths (nested ones too), without the root "" entry and `link` entries;
 *       version 1: the nested `dependencies` tree.
 *   Pipfile.lock                              `default` and `develop`, `==` versions.
 *   requirements*.txt                         `name==version` lines (extras, markers, hashes and
 *       comments allowed); every other requirement is reported as skipped with its line.
 *
 * Lockfiles are attacker-supplied: the size is bounded, nesting is walked without recursion and
 * bounded, and lines are read with anchored single-class patterns that cannot backtrack.
 */

export type LockfileFormat = 'package-lock' | 'pipfile-lock' | 'requirements';

export interface Lockfile {
  path: string;
  format: LockfileFormat;
  /** One per distinct name and version. */
  packages: InstalledPackage[];
  /** Requirements that pin no exact version: `requirements.txt:4: flask>=2 is not pinned with ==`. */
  skipped: string[];
}

export const maxLockfileBytes = 64 * 1024 * 1024;
const maxDepth = 64;
const maxNameLength = 214;
const maxVersionLength = 200;

/** The lockfile's format from its name, or null when it is none Vigil reads. */
export function lockfileFormat(path: string): LockfileFormat | null {
  const name = basename(path);
  if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') return 'package-lock';
  if (name === 'Pipfile.lock') return 'pipfile-lock';
  if (name.endsWith('.txt') && name.includes('requirements')) return 'requirements';
  return null;
}

/** Reads and parses one lockfile; throws AppError (validation_failed) naming the file and the problem. */
export async function readLockfile(path: string): Promise<Lockfile> {
  const format = lockfileFormat(path);
  if (format === null)
    throw new AppError(
      'validation_failed',
      `${path}: not a known lockfile name (package-lock.json, npm-shrinkwrap.json, Pipfile.lock, requirements*.txt)`,
    );
  const text = await readTextFile(path, { maxBytes: maxLockfileBytes }).catch((error: unknown) => {
    throw new AppError('validation_failed', `${path}: cannot read it (${(error as Error).message})`);
  });
  return parseLockfile(text, path, format);
}

export function parseLockfile(text: string, path: string, format: LockfileFormat): Lockfile {
  const found = new Packages(path);
  const skipped: string[] = [];
  if (format === 'requirements')
    readRequirements(text, found, (line, why) => skipped.push(`${path}:${line}: ${why}`));
  else if (format === 'pipfile-lock') readPipfileLock(parseJson(text, path), found);
  else readPackageLock(parseJson(text, path), found);
  return { path, format, packages: found.list(), skipped };
}

class Packages {
  private readonly byKey = new Map<string, InstalledPackage>();
  constructor(readonly path: string) {}

  add(manager: 'npm' | 'pypi', name: string, version: string): void {
    if (!printable(name, maxNameLength) || !printable(version, maxVersionLength)) return;
    const key = `${manager}\0${name}\0${version}`;
    if (this.byKey.has(key)) return;
    this.byKey.set(key, {
      manager,
      name,
      version,
      architecture: '',
      source: name,
      sourceVersion: version,
      status: 'installed',
      file: this.path,
    });
  }

  list(): InstalledPackage[] {
    return [...this.byKey.values()];
  }
}

function invalid(path: string, reason: string): AppError {
  return new AppError('validation_failed', `${path}: ${reason}`);
}

function parseJson(text: string, path: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(path, `not JSON (${(error as Error).message})`);
  }
  if (!isObject(json)) throw invalid(path, 'not a JSON object');
  return json;
}

function readPackageLock(lock: Record<string, unknown>, found: Packages): void {
  const { lockfileVersion: version, packages, dependencies } = lock;
  if (version !== 1 && version !== 2 && version !== 3)
    throw invalid(
      found.path,
      `unsupported lockfileVersion ${version === undefined ? 'missing' : JSON.stringify(version)}`,
    );
  // Version 2 carries both forms; `packages` is the complete one.
  if (version !== 1 && isObject(packages)) {
    for (const [key, entry] of Object.entries(packages)) {
      const at = key.lastIndexOf('node_modules/');
      if (at < 0 || !isObject(entry) || entry.link === true) continue;
      const name = typeof entry.name === 'string' ? entry.name : key.slice(at + 'node_modules/'.length);
      if (typeof entry.version === 'string') found.add('npm', name, entry.version);
    }
    return;
  }
  if (!isObject(dependencies)) throw invalid(found.path, 'no packages or dependencies object');
  const stack: { tree: Record<string, unknown>; depth: number }[] = [{ tree: dependencies, depth: 1 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next.depth > maxDepth) throw invalid(found.path, `dependencies nested deeper than ${maxDepth}`);
    for (const [name, entry] of Object.entries(next.tree)) {
      if (!isObject(entry)) continue;
      // Git, file and tarball dependencies give a URL, not a registry version.
      if (typeof entry.version === 'string' && !entry.version.includes(':'))
        found.add('npm', name, entry.version);
      if (isObject(entry.dependencies)) stack.push({ tree: entry.dependencies, depth: next.depth + 1 });
    }
  }
}

function readPipfileLock(lock: Record<string, unknown>, found: Packages): void {
  const sections = [lock.default, lock.develop].filter(isObject);
  if (sections.length === 0) throw invalid(found.path, 'no default or develop section');
  for (const section of sections) {
    for (const [name, entry] of Object.entries(section)) {
      // Editable, path and VCS requirements have no version.
      if (isObject(entry) && typeof entry.version === 'string' && entry.version.startsWith('=='))
        found.add('pypi', name, entry.version.slice(2));
    }
  }
}

const requirementName = /^[A-Za-z0-9][A-Za-z0-9._-]*/;
const exactVersion = /^[A-Za-z0-9.+!_-]+$/;

function readRequirements(text: string, found: Packages, skip: (line: number, why: string) => void): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const number = i + 1;
    let line = lines[i] ?? '';
    // A trailing backslash continues the requirement (hash lists); the parts are joined.
    while (line.trimEnd().endsWith('\\') && i + 1 < lines.length) {
      line = `${line.trimEnd().slice(0, -1)} ${lines[++i] ?? ''}`;
    }
    const comment = line.search(/(^|\s)#/);
    const requirement = (comment < 0 ? line : line.slice(0, comment)).trim();
    if (requirement === '') continue;
    const pinned = pinnedRequirement(requirement);
    if (pinned === null) skip(number, `${clip(requirement)} is not pinned with ==`);
    else found.add('pypi', pinned.name, pinned.version);
  }
}

/** `name[extras]==version` with optional `; marker` and `--hash` options after it, else null. */
function pinnedRequirement(requirement: string): { name: string; version: string } | null {
  const name = requirementName.exec(requirement)?.[0];
  if (name === undefined) return null;
  let rest = requirement.slice(name.length).trimStart();
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return null;
    rest = rest.slice(close + 1).trimStart();
  }
  if (!rest.startsWith('==') || rest.startsWith('===')) return null;
  rest = rest.slice(2).trimStart();
  const end = rest.search(/[\s;]/);
  const version = end < 0 ? rest : rest.slice(0, end);
  const after = end < 0 ? '' : rest.slice(end).trimStart();
  if (!exactVersion.test(version) || !(after === '' || after.startsWith(';') || after.startsWith('--hash')))
    return null;
  return { name, version };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names and versions end up in reports: no control characters, and bounded. */
function printable(text: string, max: number): boolean {
  return text !== '' && text.length <= max && !/[\u0000-\u001f\u007f-\u009f]/.test(text);
}

function clip(text: string): string {
  const shown = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
}
