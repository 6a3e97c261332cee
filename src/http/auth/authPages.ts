import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { signIn, signOut, startSession, SESSION_DAYS } from '../../app/sessions.js';
import { createFirstAdmin, needsSetup } from '../../app/users.js';
import { principalOf, sessionSecretOf } from './authenticate.js';
import { cookieOptions, sessionCookieName, type CookiePolicy } from './cookies.js';
import type { LoginLimiter } from './loginLimiter.js';
import { attempt, emptyForm, formFields, type FormState } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';
import { safeNext } from './safeNext.js';

interface AuthPageView {
  form: FormState;
  next?: string | undefined;
  notice?: string | undefined;
}

/** The one-time set-up page, sign-in and sign-out. */
export function authPages(deps: AppDeps, policy: CookiePolicy, limiter: LoginLimiter): Router {
  const pages = Router();

  /** The set-up and log-in pages share one form; set-up also asks for a name. */
  const render = (
    res: Response,
    page: 'setup' | 'login',
    { form, next, notice }: AuthPageView,
    status = 200,
  ) => {
    const { t } = helpersOf(res);
    res.status(status).render('login', {
      heading: t(`${page}.title`),
      intro: t(`${page}.intro`),
      submit: t(`${page}.submit`),
      action: `/${page}`,
      withName: page === 'setup',
      next: next && next !== '/trials' ? next : undefined,
      notice,
      form,
    });
  };
  const signInBrowser = (req: Request, res: Response, secret: string) => {
    res.cookie(sessionCookieName(policy, req), secret, cookieOptions(policy, req, SESSION_DAYS * 86_400_000));
  };

  pages.get('/setup', async (_req, res) => {
    if (!(await needsSetup(deps))) throw new AppError(404, 'not_found', 'No such page');
    render(res, 'setup', { form: emptyForm() });
  });
  pages.post('/setup', async (req, res) => {
    if (!(await needsSetup(deps))) throw new AppError(404, 'not_found', 'No such page');
    const values = formFields(req.body);
    const result = await attempt(() => createFirstAdmin(deps, values), helpersOf(res).t);
    if (!result.ok) {
      render(res, 'setup', { form: { values: { ...values, password: '' }, errors: result.errors } }, 400);
      return;
    }
    signInBrowser(req, res, await startSession(deps, result.value));
    res.redirect(303, '/trials');
  });

  pages.get('/login', (req, res) => {
    if (principalOf(res)) {
      res.redirect(303, safeNext(req.query['next']));
      return;
    }
    const expired = sessionSecretOf(policy, req) !== undefined;
    render(res, 'login', {
      form: emptyForm(),
      next: safeNext(req.query['next']),
      notice: expired ? helpersOf(res).t('login.expired') : undefined,
    });
  });
  pages.post('/login', async (req, res) => {
    const { t } = helpersOf(res);
    const values = formFields(req.body);
    const email = (values['email'] ?? '').trim();
    const next = safeNext(values['next']);
    const form = { values: { email }, errors: {} };
    const address = req.ip ?? 'unknown';
    const waitMs = await limiter.retryAfterMs(address, email);
    if (waitMs > 0) {
      res.setHeader('Retry-After', String(Math.ceil(waitMs / 1000)));
      render(
        res,
        'login',
        {
          form,
          next,
          notice:
            waitMs < 60_000
              ? t('login.limitedSeconds', { seconds: Math.ceil(waitMs / 1000) })
              : t('login.limited', { minutes: Math.ceil(waitMs / 60_000) }),
        },
        429,
      );
      return;
    }
    try {
      const { sessionSecret } = await signIn(deps, { email, password: values['password'] ?? '' });
      await limiter.recordSuccess(address, email);
      signInBrowser(req, res, sessionSecret);
      res.redirect(303, next);
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 401 && error.status !== 400)) throw error;
      await limiter.recordFailure(address, email);
      render(res, 'login', { form, next, notice: t('login.failed') }, 401);
    }
  });

  pages.post('/logout', async (req, res) => {
    const secret = principalOf(res)?.sessionSecret;
    if (secret) await signOut(deps, secret);
    res.clearCookie(sessionCookieName(policy, req), cookieOptions(policy, req));
    res.redirect(303, '/login');
  });
  return pages;
}
