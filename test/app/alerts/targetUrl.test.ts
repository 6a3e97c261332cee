import { describe, expect, it } from 'vitest';
import {
  isInternalAddress,
  pinnedLookup,
  resolveTarget,
  TargetRefusedError,
} from '../../../src/app/alerts/targetUrl.js';

const lookupTo =
  (...addresses: string[]) =>
  () =>
    Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));

describe('webhook target rules', () => {
  it.each([
    ['ftp://hooks.example.com/x', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['https://user:secret@hooks.example.com/x', 'credentials'],
    ['https://token@hooks.example.com/x', 'credentials'],
    ['not a url', 'malformed'],
    ['http://127.0.0.1:8080/hook', 'private'],
    ['http://[::1]/hook', 'private'],
    ['http://10.1.2.3/hook', 'private'],
    ['http://192.168.1.10/hook', 'private'],
    ['http://169.254.169.254/latest/meta-data', 'private'],
    ['http://[::ffff:127.0.0.1]/hook', 'private'],
  ])('when the target is %s, then it is refused (%s)', async (url, problem) => {
    const refused = await resolveTarget(url, { allowPrivate: false }, lookupTo('93.184.216.34')).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(TargetRefusedError);
    expect((refused as TargetRefusedError).problem).toBe(problem);
  });

  it('when a public name resolves to an internal address among public ones, then it is refused', async () => {
    await expect(
      resolveTarget(
        'https://hooks.example.com/x',
        { allowPrivate: false },
        lookupTo('93.184.216.34', '10.0.0.5'),
      ),
    ).rejects.toMatchObject({ problem: 'private' });
  });

  it('when private targets are allowed, then a loopback gateway is accepted and its address pinned', async () => {
    const target = await resolveTarget('http://127.0.0.1:9000/robot', { allowPrivate: true });
    expect(target.addresses).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it('when a name resolves to public addresses only, then it is accepted', async () => {
    const target = await resolveTarget(
      'https://oapi.dingtalk.com/robot/send?access_token=abc',
      { allowPrivate: false },
      lookupTo('203.119.206.1'),
    );
    expect(target.url.hostname).toBe('oapi.dingtalk.com');
  });

  it.each([
    ['8.8.8.8', false],
    ['100.64.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['fd00::1', true],
    ['2001:4860:4860::8888', false],
    ['nonsense', true],
  ])('when the address is %s, then internal is %s', (address, internal) => {
    expect(isInternalAddress(address)).toBe(internal);
  });
});

describe('the pinned lookup', () => {
  const target = {
    url: new URL('http://gateway.internal:9000/robot'),
    addresses: [
      { address: '::1', family: 6 as const },
      { address: '127.0.0.1', family: 4 as const },
    ],
  };
  const ask = (options: { all?: boolean; family?: number }) =>
    new Promise<unknown>((resolve, reject) => {
      pinnedLookup(target)('gateway.internal', options, (error, address, family) => {
        if (error) reject(error);
        else resolve(options.all ? address : [address, family]);
      });
    });

  it('when one address is asked for, then the checked IPv4 one comes first, and a family asked for is kept', async () => {
    expect(await ask({})).toEqual(['127.0.0.1', 4]);
    expect(await ask({ family: 6 })).toEqual(['::1', 6]);
  });

  it('when all are asked for, then every checked address is offered, IPv4 first, and nothing else', async () => {
    expect(await ask({ all: true })).toEqual([
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ]);
  });
});
