/* Patch plans (src/modules/patches); migration 0011-patches. */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the patches module's tables
export interface PatchTables {}
