import { Router, type Response } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { AppError, notFound } from '../../app/errors.js';
import { changeUser, createUser, listUsers } from '../../app/users.js';
import { ROLES, type User } from '../../domain/accounts.js';
import { LOCALES, type Translate } from '../../i18n/index.js';
import { principalOf } from '../auth/authenticate.js';
import { attempt, emptyForm, formFields, optionalText, type FormState } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';

const USERS_URL = '/admin/users';
const userUrl = (userId: string) => `${USERS_URL}/${encodeURIComponent(userId)}`;

/** The account's alert e-mail choices as form fields (checkboxes "on" or empty). */
const alertEmailValues = (user: User): Record<string, string> => ({
  'alertEmails.digest': user.alertEmails?.digest ? 'on' : '',
  'alertEmails.breaches': user.alertEmails?.breaches ? 'on' : '',
  'alertEmails.language': user.alertEmails?.language ?? 'en',
});

/** What the form holds for an account before anything is typed. */
const userFormValues = (user: User) => ({
  role: user.role,
  name: user.name ?? '',
  ...alertEmailValues(user),
});

/**
 * The alert e-mail choices as submitted, or nothing when the form did not carry them (its
 * language select is always sent) or they are what the account has already (never chosen
 * reads as none, in English): the audit log then lists only a real change.
 */
function alertEmailsChange(user: User, values: Record<string, string>) {
  const language = values['alertEmails.language'];
  if (language === undefined) return {};
  const typed = {
    digest: values['alertEmails.digest'] === 'on',
    breaches: values['alertEmails.breaches'] === 'on',
    language,
  };
  const had = user.alertEmails ?? { digest: false, breaches: false, language: 'en' };
  const same =
    typed.digest === had.digest && typed.breaches === had.breaches && typed.language === had.language;
  return same ? {} : { alertEmails: typed };
}

type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; errors: Record<string, string> };

/** The signed-in admin; the access check before these pages guarantees there is one. */
function signedIn(res: Response): User {
  const user = principalOf(res)?.user;
  if (!user) throw new AppError(401, 'unauthorized', 'Sign in first');
  return user;
}

/**
 * Run an account change for a form. Besides field messages (400), the last-admin rule is
 * shown on the page (409) rather than as an error page: the admin should see why and stay.
 */
async function attemptChange<T>(run: () => Promise<T>, t: Translate): Promise<Outcome<T>> {
  try {
    const result = await attempt(run, t);
    return result.ok ? result : { ...result, status: 400 };
  } catch (error) {
    if (error instanceof AppError && error.code === 'last_admin')
      return { ok: false, status: 409, errors: { _form: t('error.lastAdmin') } };
    throw error;
  }
}

/**
 * Why the signed-in admin may not make this change to their own account, if they may not.
 * Demoting or deactivating oneself would take away the very page that could undo it, so
 * only another admin may; when there is no other, the last-admin rule is the reason given.
 */
async function selfLockout(
  deps: AppDeps,
  me: User,
  user: User,
  change: { role?: string | undefined; active?: boolean | undefined },
  t: Translate,
): Promise<string | undefined> {
  if (user.id !== me.id) return undefined;
  const demotes = change.role !== undefined && change.role !== user.role;
  if (!demotes && change.active !== false) return undefined;
  const others = (await listUsers(deps)).some(
    (other) => other.id !== me.id && other.role === 'admin' && other.active,
  );
  return others ? t('admin.users.selfLockout') : t('error.lastAdmin');
}

/** Accounts for admins: the list, adding a user, and one user's role, name, password and access. */
export function adminUsersPages(deps: AppDeps): Router {
  // Case-sensitive like every admin router: see adminPages.ts.
  const pages = Router({ caseSensitive: true });

  const getUser = async (userId: string): Promise<User> => {
    const user = await deps.repository.getUser(userId);
    if (!user) throw notFound('user');
    return user;
  };

  const renderList = async (res: Response, form: FormState, notice?: string, status = 200) => {
    const users = (await listUsers(deps)).toSorted((a, b) => a.email.localeCompare(b.email));
    res.status(status).render('admin-users', { users, form, notice, roles: ROLES, me: signedIn(res) });
  };

  const renderUser = (res: Response, user: User, form: FormState, status = 200) => {
    res.status(status).render('admin-user', {
      user,
      form,
      roles: ROLES,
      isSelf: user.id === signedIn(res).id,
      userUrl: userUrl(user.id),
      locales: LOCALES,
      mailConfigured: deps.alerts.smtpUrl !== undefined,
    });
  };

  /** The notice after a redirect: `?created=<id>` or `?saved=<id>`, naming the account. */
  const noticeOf = async (query: Record<string, string>, t: Translate) => {
    const [kind, userId] = query['created']
      ? (['created', query['created']] as const)
      : (['saved', query['saved']] as const);
    const user = userId ? await deps.repository.getUser(userId) : undefined;
    if (!user) return undefined;
    return kind === 'created'
      ? t('admin.users.createdNotice', { email: user.email })
      : t('admin.users.savedNotice', { email: user.email });
  };

  pages.get(USERS_URL, async (req, res) => {
    const notice = await noticeOf(formFields(req.query), helpersOf(res).t);
    await renderList(res, emptyForm({ role: 'evaluator' }), notice);
  });

  pages.post(USERS_URL, async (req, res) => {
    const values = formFields(req.body);
    const result = await attempt(
      () =>
        createUser(deps, {
          email: values['email'] ?? '',
          name: optionalText(values['name']),
          role: values['role'] ?? '',
          password: values['password'] ?? '',
        }),
      helpersOf(res).t,
    );
    if (result.ok) {
      res.redirect(303, `${USERS_URL}?created=${encodeURIComponent(result.value.id)}`);
      return;
    }
    await renderList(res, { values: { ...values, password: '' }, errors: result.errors }, undefined, 400);
  });

  pages.get(`${USERS_URL}/:userId`, async (req, res) => {
    const user = await getUser(req.params.userId);
    renderUser(res, user, emptyForm(userFormValues(user)));
  });

  pages.post(`${USERS_URL}/:userId`, async (req, res) => {
    const { t } = helpersOf(res);
    const user = await getUser(req.params.userId);
    const values = formFields(req.body);
    const name = values['name']?.trim();
    // Only what was changed, so the audit log does not list an untouched empty name.
    const change = {
      ...(values['role'] ? { role: values['role'] } : {}),
      ...(name === undefined || name === (user.name ?? '') ? {} : { name }),
      ...(values['password'] ? { password: values['password'] } : {}),
      ...alertEmailsChange(user, values),
    };
    const form = (errors: Record<string, string>) => ({ values: { ...values, password: '' }, errors });
    const refused = await selfLockout(deps, signedIn(res), user, change, t);
    if (refused) {
      renderUser(res, user, form({ _form: refused }), 409);
      return;
    }
    const result = await attemptChange(() => changeUser(deps, user.id, change), t);
    if (!result.ok) {
      renderUser(res, user, form(result.errors), result.status);
      return;
    }
    res.redirect(303, `${USERS_URL}?saved=${encodeURIComponent(user.id)}`);
  });

  pages.post(`${USERS_URL}/:userId/active`, async (req, res) => {
    const { t } = helpersOf(res);
    const user = await getUser(req.params.userId);
    const typed = formFields(req.body)['active'];
    const active = typed === 'true' ? true : typed === 'false' ? false : typed;
    const refused = await selfLockout(
      deps,
      signedIn(res),
      user,
      { active: active === false ? false : undefined },
      t,
    );
    const result: Outcome<User> = refused
      ? { ok: false, status: 409, errors: { _form: refused } }
      : await attemptChange(() => changeUser(deps, user.id, { active }), t);
    if (!result.ok) {
      renderUser(res, user, { values: userFormValues(user), errors: result.errors }, result.status);
      return;
    }
    res.redirect(303, `${USERS_URL}?saved=${encodeURIComponent(user.id)}`);
  });

  return pages;
}
