import { z } from 'zod';
import { AuditActionSchema, AuditEntitySchema } from '../domain/accounts.js';
import { InstantSchema } from '../domain/schemas.js';
import type { AuditPage } from '../storage/accountRepository.js';
import type { AppDeps } from './deps.js';
import { parseInput } from './parse.js';

const OptionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => value || undefined);

/** The audit log's filters, as query parameters. Empty parameters mean "any". */
export const AuditQuerySchema = z.object({
  entity: z
    .union([AuditEntitySchema, z.literal('')])
    .optional()
    .transform((value) => value || undefined),
  action: z
    .union([AuditActionSchema, z.literal('')])
    .optional()
    .transform((value) => value || undefined),
  userId: OptionalText,
  trialId: OptionalText,
  entityId: OptionalText,
  from: z
    .union([InstantSchema, z.literal('')])
    .optional()
    .transform((value) => value || undefined),
  to: z
    .union([InstantSchema, z.literal('')])
    .optional()
    .transform((value) => value || undefined),
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AuditQuery = z.output<typeof AuditQuerySchema>;

/** The audit log, newest first, filtered; `beforeSeq` pages back through it. */
export function readAuditLog(deps: AppDeps, query: unknown): Promise<AuditPage> {
  return deps.repository.listAudit(parseInput(AuditQuerySchema, query));
}
