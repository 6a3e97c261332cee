/**
 * Accounts, API tokens, sessions and the audit log (SPEC §9): persisted shapes and the
 * role rules. Secrets never appear here in the clear: passwords as scrypt hashes, tokens
 * and session ids as SHA-256 digests.
 */
import { z } from 'zod';
import type { DeepReadonly } from './readonly.js';
import { InstantSchema } from './schemas.js';
import { singleLine } from './text.js';

/** Who may do what: a viewer reads and downloads, an evaluator also edits, an admin also manages accounts. */
export const ROLES = ['viewer', 'evaluator', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** What a route needs; each role has its own and everything below it. */
export type Permission = 'read' | 'write' | 'admin';
const PERMISSION_ROLE: Record<Permission, Role> = { read: 'viewer', write: 'evaluator', admin: 'admin' };

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(PERMISSION_ROLE[permission]);
}

/** Whether `role` is `limit` or below it. */
export function roleAtMost(role: Role, limit: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(limit);
}

/** The lesser of two roles: a token never grants more than its owner has. */
export function lesserRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}

export const EmailSchema = singleLine(z.string().trim().toLowerCase().max(254)).pipe(
  z.email({ message: 'must be an e-mail address' }),
);

/** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const PASSWORD_MIN_LENGTH = 10;
export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200);

const IdSchema = z.string().min(1).max(200);
const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

export const UserSchema = z.object({
  id: IdSchema,
  email: EmailSchema,
  name: singleLine(z.string().trim().max(200)).optional(),
  role: RoleSchema,
  /** `scrypt$N$r$p$salt$key`, salt and key in base64. */
  passwordHash: z.string().startsWith('scrypt$'),
  active: z.boolean(),
  /**
   * Alert e-mails the account asked for (SPEC §9, when SMTP is configured): a daily digest of
   * open probes, and a message when a probe breaches. Absent means neither.
   */
  alertEmails: z
    .object({ digest: z.boolean(), breaches: z.boolean(), language: z.enum(['en', 'zh-CN']) })
    .optional(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type User = DeepReadonly<z.infer<typeof UserSchema>>;

export const ApiTokenSchema = z.object({
  id: IdSchema,
  userId: IdSchema,
  name: singleLine(z.string().trim().min(1).max(200)),
  role: RoleSchema,
  /** SHA-256 of the secret; the secret itself is shown once and never stored. */
  secretHash: Sha256Schema,
  /** The first characters of the secret, to recognise a token in a list. */
  hint: z.string().max(20),
  createdAt: InstantSchema,
  lastUsedAt: InstantSchema.nullable(),
  revokedAt: InstantSchema.nullable(),
});
export type ApiToken = DeepReadonly<z.infer<typeof ApiTokenSchema>>;

export const SessionSchema = z.object({
  /** SHA-256 of the cookie's value: a copy of the file does not let anyone in. */
  idHash: Sha256Schema,
  userId: IdSchema,
  createdAt: InstantSchema,
  expiresAt: InstantSchema,
});
export type Session = DeepReadonly<z.infer<typeof SessionSchema>>;

/** How an actor reached the data: a browser session, an API token, the admin CLI, or the program itself. */
export const ActorViaSchema = z.enum(['session', 'token', 'cli', 'system']);
export const AuditActorSchema = z.object({
  via: ActorViaSchema,
  userId: IdSchema.nullable(),
  /** The e-mail at the time, so the log still reads right after the account changes. */
  email: z.string().max(254).nullable(),
  tokenId: IdSchema.optional(),
});
export type AuditActor = z.infer<typeof AuditActorSchema>;

export const SYSTEM_ACTOR: AuditActor = { via: 'system', userId: null, email: null };

export const AUDIT_ENTITIES = [
  'trial',
  'vendor',
  'scenario',
  'probe',
  'user',
  'token',
  'session',
  'webhook',
  'delivery',
] as const;
export const AuditEntitySchema = z.enum(AUDIT_ENTITIES);
export type AuditEntity = z.infer<typeof AuditEntitySchema>;

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'login', 'login_failed', 'logout'] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** One field that changed: where, and short renderings of the value before and after. */
export const AuditChangeSchema = z.object({
  path: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type AuditChange = z.infer<typeof AuditChangeSchema>;

/**
 * The path of the last change of an entry that had more changes than the log keeps; its
 * `after` holds how many were left out, as digits (the page words it in the reader's language).
 */
export const OMITTED_CHANGES_PATH = '…';

export const AuditEntrySchema = z.object({
  /** 1, 2, 3, …: the log only grows, so a gap would show a removed entry. */
  seq: z.number().int().positive(),
  at: InstantSchema,
  actor: AuditActorSchema,
  action: AuditActionSchema,
  entity: AuditEntitySchema,
  entityId: IdSchema,
  /** The trial the entity belongs to, to filter one trial's history. */
  trialId: IdSchema.optional(),
  /** A human label of the entity at the time (a vendor's name, a probe's title). */
  label: z.string().max(300).optional(),
  changes: z.array(AuditChangeSchema),
});
export type AuditEntry = DeepReadonly<z.infer<typeof AuditEntrySchema>>;
