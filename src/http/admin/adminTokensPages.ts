import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { createToken, listTokens, revokeToken } from '../../app/tokens.js';
import { listUsers } from '../../app/users.js';
import { ROLES, type ApiToken, type Role, type User } from '../../domain/accounts.js';
import { principalOf } from '../auth/authenticate.js';
import { attempt, emptyForm, formFields, type FormState } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';

const TOKENS_URL = '/admin/tokens';

/**
 * A token as the pages show it. Built field by field so that the digest of the secret
 * never reaches a template, not even by accident.
 */
export interface TokenRow {
  id: string;
  name: string;
  role: Role;
  hint: string;
  ownerEmail: string;
  ownerActive: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function tokenRow(token: ApiToken, owners: ReadonlyMap<string, User>): TokenRow {
  const owner = owners.get(token.userId);
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    hint: `${token.hint}…`,
    ownerEmail: owner?.email ?? token.userId,
    ownerActive: owner?.active ?? false,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
  };
}

/** Where this server is reached, for the example command on the one-time secret page. */
const originOf = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/** API tokens for admins: the list, creating one (its secret shown once), revoking. */
export function adminTokensPages(deps: AppDeps): Router {
  // Case-sensitive like every admin router: see adminPages.ts.
  const pages = Router({ caseSensitive: true });

  const owners = async () => new Map((await listUsers(deps)).map((user) => [user.id, user]));

  const renderList = async (res: Response, form: FormState, notice?: string, status = 200) => {
    const byId = await owners();
    const tokens = (await listTokens(deps))
      .toSorted((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((token) => tokenRow(token, byId));
    const activeUsers = [...byId.values()]
      .filter((user) => user.active)
      .sort((a, b) => a.email.localeCompare(b.email));
    res.status(status).render('admin-tokens', { tokens, activeUsers, form, notice, roles: ROLES });
  };

  pages.get(TOKENS_URL, async (req, res) => {
    const revokedId = formFields(req.query)['revoked'];
    const revoked = revokedId
      ? (await listTokens(deps)).find((token) => token.id === revokedId && token.revokedAt !== null)
      : undefined;
    const notice = revoked
      ? helpersOf(res).t('admin.tokens.revokedNotice', { name: revoked.name })
      : undefined;
    await renderList(res, emptyForm({ userId: principalOf(res)?.user.id ?? '', role: '' }), notice);
  });

  pages.post(TOKENS_URL, async (req, res) => {
    const values = formFields(req.body);
    const result = await attempt(
      () =>
        createToken(deps, {
          name: values['name'] ?? '',
          userId: values['userId'] ?? '',
          ...(values['role'] ? { role: values['role'] } : {}),
        }),
      helpersOf(res).t,
    );
    if (!result.ok) {
      await renderList(res, { values, errors: result.errors }, undefined, 400);
      return;
    }
    const { token, secret } = result.value;
    const owner = (await owners()).get(token.userId);
    if (!owner) throw new AppError(500, 'internal', 'The token’s owner vanished');
    // The secret exists only in this answer: no cache may keep it, no redirect may lose it.
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).render('admin-token-created', {
      token: tokenRow(token, new Map([[owner.id, owner]])),
      secret,
      usage: `curl -H "Authorization: Bearer ${secret}" ${originOf(req)}/api/v1/trials`,
    });
  });

  pages.post(`${TOKENS_URL}/:tokenId/revoke`, async (req, res) => {
    const token = await revokeToken(deps, req.params.tokenId);
    res.redirect(303, `${TOKENS_URL}?revoked=${encodeURIComponent(token.id)}`);
  });

  return pages;
}
