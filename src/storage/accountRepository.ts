import type {
  ApiToken,
  AuditAction,
  AuditActor,
  AuditEntity,
  AuditEntry,
  Session,
  User,
} from '../domain/accounts.js';
import type { Database } from '../domain/database.js';
import type { AuditRecord } from './auditTrail.js';
import type { Store } from './store.js';

export interface AuditFilter {
  entity?: AuditEntity | undefined;
  action?: AuditAction | undefined;
  userId?: string | undefined;
  trialId?: string | undefined;
  entityId?: string | undefined;
  /** Instants, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** Only entries older than this sequence number (the next page). */
  beforeSeq?: number | undefined;
  limit: number;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** How many entries match the filter in all. */
  total: number;
}

/** Accounts, API tokens, sessions and the audit log. */
export interface AccountRepository {
  countUsers(): Promise<number>;
  listUsers(): Promise<User[]>;
  getUser(userId: string): Promise<User | undefined>;
  findUserByEmail(email: string): Promise<User | undefined>;
  /** Adds the first account; false (nothing written) once any account exists. */
  insertFirstUser(user: User): Promise<boolean>;
  /** Adds an account; false (nothing written) when its e-mail is taken. */
  insertUser(user: User): Promise<boolean>;
  /**
   * Changes an account. `next` sees every account as it is at that moment (to keep rules
   * that span accounts) and may throw to change nothing. A new password or a deactivation
   * also ends the account's sessions, in the same write.
   */
  updateUser(userId: string, next: (user: User, users: readonly User[]) => User): Promise<User | undefined>;

  listTokens(): Promise<ApiToken[]>;
  findTokenBySecretHash(secretHash: string): Promise<ApiToken | undefined>;
  insertToken(token: ApiToken): Promise<ApiToken>;
  updateToken(tokenId: string, next: (token: ApiToken) => ApiToken): Promise<ApiToken | undefined>;
  /** Notes a token's last use; not an audited change. */
  recordTokenUse(tokenId: string, at: string): Promise<void>;

  getSession(idHash: string): Promise<Session | undefined>;
  /** Starts a session (audited as a login) and drops the expired ones. */
  insertSession(session: Session, user: User): Promise<void>;
  /** Ends a session (audited as a logout); false when there was none. */
  deleteSession(idHash: string): Promise<boolean>;
  /** A failed sign-in, for the audit log. */
  recordLoginFailure(email: string, user: User | undefined): Promise<void>;

  listAudit(filter: AuditFilter): Promise<AuditPage>;
}

const userActor = (user: User): AuditActor => ({ via: 'session', userId: user.id, email: user.email });

function matches(entry: AuditEntry, filter: AuditFilter): boolean {
  return (
    (filter.entity === undefined || entry.entity === filter.entity) &&
    (filter.action === undefined || entry.action === filter.action) &&
    (filter.userId === undefined || entry.actor.userId === filter.userId) &&
    (filter.trialId === undefined || entry.trialId === filter.trialId) &&
    (filter.entityId === undefined || entry.entityId === filter.entityId) &&
    (filter.from === undefined || entry.at >= filter.from) &&
    (filter.to === undefined || entry.at <= filter.to) &&
    (filter.beforeSeq === undefined || entry.seq < filter.beforeSeq)
  );
}

export function accountRepository(
  store: Store,
  audit: (data: Database, record: AuditRecord) => void,
): AccountRepository {
  const quietly = { touchesTrials: false };
  const userById = (data: Readonly<Database>, userId: string) =>
    data.users.find((user) => user.id === userId);
  /** Add an account unless `refused` says otherwise, deciding inside the write. */
  const insertUserUnless = (refused: (data: Database) => boolean, user: User) =>
    store.mutate((data) => {
      if (refused(data)) return false;
      data.users.push(user);
      audit(data, { action: 'create', entity: 'user', entityId: user.id, label: user.email, after: user });
      return true;
    }, quietly);

  return {
    countUsers: () => Promise.resolve(store.read((data) => data.users.length)),
    listUsers: () => Promise.resolve(store.read((data) => [...data.users])),
    getUser: (userId) => Promise.resolve(store.read((data) => userById(data, userId))),
    findUserByEmail: (email) =>
      Promise.resolve(store.read((data) => data.users.find((user) => user.email === email.toLowerCase()))),
    insertFirstUser: (user) => insertUserUnless((data) => data.users.length > 0, user),
    insertUser: (user) =>
      insertUserUnless((data) => data.users.some((existing) => existing.email === user.email), user),
    updateUser: (userId, next) =>
      store.mutate((data) => {
        const index = data.users.findIndex((user) => user.id === userId);
        const before = data.users[index];
        if (!before) return undefined;
        const after = next(before, data.users);
        data.users[index] = after;
        if (after.passwordHash !== before.passwordHash || (before.active && !after.active)) {
          data.sessions = data.sessions.filter((session) => session.userId !== userId);
        }
        audit(data, {
          action: 'update',
          entity: 'user',
          entityId: userId,
          label: after.email,
          before,
          after,
        });
        return after;
      }, quietly),

    listTokens: () => Promise.resolve(store.read((data) => [...data.tokens])),
    findTokenBySecretHash: (secretHash) =>
      Promise.resolve(store.read((data) => data.tokens.find((token) => token.secretHash === secretHash))),
    insertToken: (token) =>
      store.mutate((data) => {
        data.tokens.push(token);
        audit(data, {
          action: 'create',
          entity: 'token',
          entityId: token.id,
          label: token.name,
          after: token,
        });
        return token;
      }, quietly),
    updateToken: (tokenId, next) =>
      store.mutate((data) => {
        const index = data.tokens.findIndex((token) => token.id === tokenId);
        const before = data.tokens[index];
        if (!before) return undefined;
        const after = next(before);
        if (after === before) return after;
        data.tokens[index] = after;
        audit(data, {
          action: 'update',
          entity: 'token',
          entityId: tokenId,
          label: after.name,
          before,
          after,
        });
        return after;
      }, quietly),
    recordTokenUse: async (tokenId, at) => {
      await store.mutate((data) => {
        const index = data.tokens.findIndex((token) => token.id === tokenId);
        const token = data.tokens[index];
        if (token) data.tokens[index] = { ...token, lastUsedAt: at };
      }, quietly);
    },

    getSession: (idHash) =>
      Promise.resolve(store.read((data) => data.sessions.find((session) => session.idHash === idHash))),
    insertSession: async (session, user) => {
      await store.mutate((data) => {
        data.sessions = data.sessions.filter((existing) => existing.expiresAt > session.createdAt);
        data.sessions.push(session);
        audit(data, {
          action: 'login',
          entity: 'session',
          entityId: user.id,
          label: user.email,
          actor: userActor(user),
        });
      }, quietly);
    },
    deleteSession: (idHash) =>
      store.mutate((data) => {
        const session = data.sessions.find((candidate) => candidate.idHash === idHash);
        if (!session) return false;
        data.sessions = data.sessions.filter((candidate) => candidate !== session);
        const user = userById(data, session.userId);
        if (user)
          audit(data, {
            action: 'logout',
            entity: 'session',
            entityId: user.id,
            label: user.email,
            actor: userActor(user),
          });
        return true;
      }, quietly),
    recordLoginFailure: async (email, user) => {
      await store.mutate((data) => {
        audit(data, {
          action: 'login_failed',
          entity: 'session',
          entityId: user?.id ?? 'unknown',
          label: email,
          actor: { via: 'session', userId: null, email: email.slice(0, 254) },
        });
      }, quietly);
    },

    listAudit: (filter) =>
      Promise.resolve(
        store.read((data) => {
          const entries: AuditEntry[] = [];
          let total = 0;
          for (let index = data.audit.length - 1; index >= 0; index--) {
            const entry = data.audit[index];
            if (!entry || !matches(entry, filter)) continue;
            total++;
            if (entries.length < filter.limit) entries.push(entry);
          }
          return { entries, total };
        }),
      ),
  };
}
