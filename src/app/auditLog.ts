import { z } from 'zod';
import { AuditActionSchema, AuditEntitySchema } from '../domain/accounts.js';
import { InstantSchema } from '../domain/schemas.js';
import type { AuditPage } from '../storage/accountRepository.js';

export type { AuditPage };
import type { AppDeps } from './deps.js';
import { parseInput } from './parse.js';

/** An optional query parameter where an empty value (a form's "any" choice) means not given. */
const emptyMeansAny = <T extends z.ZodType<string>>(schema: T) =>
  z
    .union([schema, z.literal('')])
    .optional()
    .transform((value) => value || undefined);

/** The audit log's filters, as query parameters. Empty parameters mean "any". */
export const AuditQuerySchema = z.object({
  entity: emptyMeansAny(AuditEntitySchema),
  action: emptyMeansAny(AuditActionSchema),
  userId: emptyMeansAny(z.string().trim().max(200)),
  trialId: emptyMeansAny(z.string().trim().max(200)),
  entityId: emptyMeansAny(z.string().trim().max(200)),
  from: emptyMeansAny(InstantSchema),
  to: emptyMeansAny(InstantSchema),
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AuditQuery = z.output<typeof AuditQuerySchema>;

/** The audit log, newest first, filtered; `beforeSeq` pages back through it. */
export function readAuditLog(deps: AppDeps, query: unknown): Promise<AuditPage> {
  return deps.repository.listAudit(parseInput(AuditQuerySchema, query));
}
