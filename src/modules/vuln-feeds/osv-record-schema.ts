import { z } from 'zod';

/*
 * OSV records as the schema (osv-schema docs/schema.md, validation/schema.json) defines them,
 * checked for what matching relies on; fields Vigil does not use (`credits`, `database_specific`,
 * `ecosystem_specific`, `purl`) and fields from newer schema versions pass unchecked, as the
 * schema asks of clients. Lengths are bounded: records come from outside.
 */

const Id = z.string().min(1).max(256);
const Timestamp = z.iso.datetime({ offset: true });
const Version = z.string().min(1).max(1024);

export const eventKinds = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

const Event = z
  .object({
    introduced: Version.optional(),
    fixed: Version.optional(),
    last_affected: Version.optional(),
    limit: Version.optional(),
  })
  .refine((event) => eventKinds.filter((kind) => event[kind] !== undefined).length === 1, {
    message: 'an event has exactly one of introduced, fixed, last_affected, limit',
  });

const Range = z
  .object({
    type: z.enum(['ECOSYSTEM', 'SEMVER', 'GIT']),
    repo: z.string().max(2048).optional(),
    events: z.array(Event).min(1),
  })
  .refine((range) => range.events.some((event) => event.introduced !== undefined), {
    message: 'a range needs an introduced event',
  })
  .refine(
    (range) =>
      !range.events.some((event) => event.fixed !== undefined) ||
      !range.events.some((event) => event.last_affected !== undefined),
    { message: 'fixed and last_affected events exclude each other in a range' },
  )
  .refine((range) => range.type !== 'GIT' || range.repo !== undefined, {
    message: 'a GIT range needs its repo',
  });

const Severity = z.object({ type: z.string().max(64), score: z.string().max(1024) });

const Affected = z.object({
  // Absent in records that only give GIT ranges; such entries name no package to match.
  package: z.object({ ecosystem: z.string().min(1).max(256), name: z.string().min(1).max(1024) }).optional(),
  severity: z.array(Severity).nullish(),
  ranges: z.array(Range).nullish(),
  versions: z.array(z.string().max(1024)).nullish(),
});

export const OsvRecord = z.object({
  id: Id,
  modified: Timestamp,
  published: Timestamp.nullish(),
  withdrawn: Timestamp.nullish(),
  aliases: z.array(Id).nullish(),
  upstream: z.array(Id).nullish(),
  summary: z.string().nullish(),
  details: z.string().nullish(),
  severity: z.array(Severity).nullish(),
  affected: z.array(Affected).nullish(),
  references: z.array(z.object({ type: z.string().max(64), url: z.string() })).nullish(),
  database_specific: z.unknown().optional(),
});
export type OsvRecord = z.infer<typeof OsvRecord>;
