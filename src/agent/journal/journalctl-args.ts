import { journalFields } from './journal-fields.ts';

export interface JournalSelection {
  /** Only entries of these systemd units (`--unit`); all entries when empty. */
  units: string[];
  /** Passed on as they are, e.g. `--directory=DIR` or `--file=FILE`. */
  extraArgs: string[];
}

/**
 * `--merge` turns off the `--boot` that `--follow` implies since systemd 250: with it, entries
 * of an earlier boot that follow the cursor (the last words before a reboot) would never be
 * read. `--cursor` rather than `--after-cursor`: journalctl skips one entry past the position
 * it seeks to, and when the cursor's entry is gone or not matched (another boot, a unit filter)
 * that skipped entry is a new one (systemd issues 30288 and 38912). The caller drops the
 * cursor's own entry instead.
 */
function common(selection: JournalSelection): string[] {
  return [
    '--output=json',
    '--merge',
    '--no-pager',
    ...selection.units.map((unit) => `--unit=${unit}`),
    ...selection.extraArgs,
  ];
}

/** Follows the journal from `cursor` (inclusive), or from its start when there is none. */
export function followArgs(selection: JournalSelection, cursor: string | null): string[] {
  return [
    ...common(selection),
    // Without --all, journalctl prints any field over 4096 bytes as null: a long message would vanish.
    '--all',
    `--output-fields=${['MESSAGE', ...journalFields].join(',')}`,
    '--follow',
    '--no-tail',
    ...(cursor === null ? [] : [`--cursor=${cursor}`]),
  ];
}

/** Prints the last entry's cursor (and the few fields journalctl always adds), or nothing when the journal is empty. */
export function lastEntryArgs(selection: JournalSelection): string[] {
  return [...common(selection), '--lines=1', '--output-fields=__CURSOR'];
}
