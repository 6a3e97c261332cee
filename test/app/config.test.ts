import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('alert settings from the environment', () => {
  it('when nothing is set, then alerts use their defaults: every 30 s, 8 attempts, no e-mail, public targets only', () => {
    const { alerts } = loadConfig({});
    expect(alerts).toMatchObject({
      intervalSeconds: 30,
      maxAttempts: 8,
      allowPrivateTargets: false,
      smtpUrl: undefined,
      publicBaseUrl: undefined,
    });
  });

  it('when SMTP_URL and PUBLIC_BASE_URL are set but empty, then they count as not set', () => {
    const { alerts } = loadConfig({ SMTP_URL: '', PUBLIC_BASE_URL: '' });
    expect(alerts.smtpUrl).toBeUndefined();
    expect(alerts.publicBaseUrl).toBeUndefined();
  });

  it('when they are set, then the public address loses its trailing slash and private targets can be allowed', () => {
    const { alerts } = loadConfig({
      SMTP_URL: 'smtp://mail.example.com:587',
      PUBLIC_BASE_URL: 'https://sla.example.com/',
      WEBHOOK_ALLOW_PRIVATE: '1',
      ALERT_INTERVAL_SECONDS: '5',
    });
    expect(alerts).toMatchObject({
      smtpUrl: 'smtp://mail.example.com:587',
      publicBaseUrl: 'https://sla.example.com',
      allowPrivateTargets: true,
      intervalSeconds: 5,
    });
  });

  it.each([
    [{ PUBLIC_BASE_URL: 'ftp://sla.example.com' }, 'PUBLIC_BASE_URL'],
    [{ SMTP_URL: 'http://mail.example.com' }, 'SMTP_URL'],
    [{ ALERT_INTERVAL_SECONDS: '0' }, 'ALERT_INTERVAL_SECONDS'],
    [{ WEBHOOK_ALLOW_PRIVATE: 'yes' }, 'WEBHOOK_ALLOW_PRIVATE'],
  ])('when %o is given, then start-up stops naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });
});
