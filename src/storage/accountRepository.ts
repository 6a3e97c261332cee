import type {
  ApiToken,
  AuditAction,
  AuditActor,
  AuditEntity,
  AuditEntry,
  Session,
  User,
} from '../domain/accounts.js';
import type { Draft } from './command.js';
import { freshReads, type RecordStore } from './recordStore.js';
import type { TableView } from './tables.js';

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
  entries: readonly AuditEntry[];
  /** How many entries match the filter in all. */
  total: number;
}

/** Accounts, API tokens, sessions and the audit log. */
export interface AccountRepository {
  countUsers(): Promise<number>;
  listUsers(): Promise<readonly User[]>;
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

  listTokens(): Promise<readonly ApiToken[]>;
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

type Run = <T>(decide: (data: TableView, draft: Draft) => T) => Promise<T>;

export function accountRepository(store: RecordStore, run: Run): AccountRepository {
  const view = store.view;
  const fresh = freshReads(store);
  const findUser = (data: TableView, predicate: (user: User) => boolean) => data.all('users').find(predicate);
  /** Add an account unless `refused` says otherwise, deciding inside the write. */
  const insertUserUnless = (refused: (data: TableView) => boolean, user: User) =>
    run((data, draft) => {
      if (refused(data)) return false;
      draft.put('users', user);
      draft.audit({ action: 'create', entity: 'user', entityId: user.id, label: user.email, after: user });
      return true;
    });

  return {
    countUsers: () => fresh(() => view.all('users').length),
    listUsers: () => fresh(() => view.all('users')),
    getUser: (userId) => fresh(() => view.get('users', userId)),
    findUserByEmail: (email) => fresh(() => findUser(view, (user) => user.email === email.toLowerCase())),
    insertFirstUser: (user) => insertUserUnless((data) => data.all('users').length > 0, user),
    insertUser: (user) =>
      insertUserUnless(
        (data) => findUser(data, (existing) => existing.email === user.email) !== undefined,
        user,
      ),
    updateUser: (userId, next) =>
      run((data, draft) => {
        const before = data.get('users', userId);
        if (!before) return undefined;
        const after = next(before, data.all('users'));
        draft.put('users', after);
        if (after.passwordHash !== before.passwordHash || (before.active && !after.active)) {
          for (const session of data.all('sessions'))
            if (session.userId === userId) draft.remove('sessions', session.idHash);
        }
        draft.audit({
          action: 'update',
          entity: 'user',
          entityId: userId,
          label: after.email,
          before,
          after,
        });
        return after;
      }),

    listTokens: () => fresh(() => view.all('tokens')),
    findTokenBySecretHash: (secretHash) =>
      fresh(() => view.all('tokens').find((token) => token.secretHash === secretHash)),
    insertToken: (token) =>
      run((_data, draft) => {
        draft.put('tokens', token);
        draft.audit({
          action: 'create',
          entity: 'token',
          entityId: token.id,
          label: token.name,
          after: token,
        });
        return token;
      }),
    updateToken: (tokenId, next) =>
      run((data, draft) => {
        const before = data.get('tokens', tokenId);
        if (!before) return undefined;
        const after = next(before);
        if (after === before) return after;
        draft.put('tokens', after);
        draft.audit({
          action: 'update',
          entity: 'token',
          entityId: tokenId,
          label: after.name,
          before,
          after,
        });
        return after;
      }),
    recordTokenUse: async (tokenId, at) => {
      await run((data, draft) => {
        const token = data.get('tokens', tokenId);
        if (token) draft.put('tokens', { ...token, lastUsedAt: at });
      });
    },

    getSession: (idHash) => fresh(() => view.get('sessions', idHash)),
    insertSession: async (session, user) => {
      await run((data, draft) => {
        for (const existing of data.all('sessions'))
          if (existing.expiresAt <= session.createdAt) draft.remove('sessions', existing.idHash);
        draft.put('sessions', session);
        draft.audit({
          action: 'login',
          entity: 'session',
          entityId: user.id,
          label: user.email,
          actor: userActor(user),
        });
      });
    },
    deleteSession: (idHash) =>
      run((data, draft) => {
        const session = data.get('sessions', idHash);
        if (!session) return false;
        draft.remove('sessions', idHash);
        const user = data.get('users', session.userId);
        if (user)
          draft.audit({
            action: 'logout',
            entity: 'session',
            entityId: user.id,
            label: user.email,
            actor: userActor(user),
          });
        return true;
      }),
    recordLoginFailure: async (email, user) => {
      await run((_data, draft) => {
        draft.audit({
          action: 'login_failed',
          entity: 'session',
          entityId: user?.id ?? 'unknown',
          label: email,
          actor: { via: 'session', userId: null, email: email.slice(0, 254) },
        });
      });
    },

    listAudit: async (filter) => {
      const entries: AuditEntry[] = [];
      let total = 0;
      for await (const entry of store.auditNewestFirst()) {
        if (!matches(entry, filter)) continue;
        total++;
        if (entries.length < filter.limit) entries.push(entry);
      }
      return { entries, total };
    },
  };
}
