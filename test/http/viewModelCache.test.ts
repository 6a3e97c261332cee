import { describe, expect, it } from 'vitest';
import { ViewModelCache } from '../../src/http/web/viewModelCache.js';

describe('ViewModelCache', () => {
  it('when the same key is asked for twice, at once or later, then the model is built once', async () => {
    const cache = new ViewModelCache<string>(4);
    const build = () => Promise.resolve('page');

    const [first, second] = await Promise.all([cache.get('a', build), cache.get('a', build)]);
    const later = await cache.get('a', build);

    expect([first, second, later]).toEqual(['page', 'page', 'page']);
    expect(cache.builds()).toBe(1);
  });

  it('when a build fails, then the next request builds again', async () => {
    const cache = new ViewModelCache<string>(4);

    await expect(cache.get('a', () => Promise.reject(new Error('no such trial')))).rejects.toThrow(
      'no such trial',
    );
    await expect(cache.get('a', () => Promise.resolve('page'))).resolves.toBe('page');

    expect(cache.builds()).toBe(2);
  });

  it('when more keys than its capacity are asked for, then the least recently used is built again', async () => {
    const cache = new ViewModelCache<string>(2);
    const build = () => Promise.resolve('page');

    await cache.get('a', build);
    await cache.get('b', build);
    await cache.get('a', build); // a is now the most recently used
    await cache.get('c', build); // evicts b
    await cache.get('a', build);
    expect(cache.builds()).toBe(3);
    await cache.get('b', build);
    expect(cache.builds()).toBe(4);
  });

  it('when the version moves on, then what was built on the old one is let go; the same version keeps it', async () => {
    const cache = new ViewModelCache<string>(8);
    const build = () => Promise.resolve('page');
    cache.moveTo('7|1000');
    await cache.get('trial|7|1000|en', build);
    await cache.get('trial|7|1000|zh-CN', build);

    cache.moveTo('7|1000');
    expect(cache.size).toBe(2);
    cache.moveTo('8|1000');
    expect(cache.size).toBe(0);
    await cache.get('trial|8|1000|en', build);
    expect(cache.builds()).toBe(3);
  });

  it('when a model is built, then it is ready at once under its key; not before, and not after the version moves on', async () => {
    const cache = new ViewModelCache<string>(4);
    cache.moveTo('7|1000');
    let finish: (page: string) => void = () => undefined;
    const building = cache.get('a', () => new Promise<string>((resolve) => (finish = resolve)));

    expect(cache.ready('a')).toBeUndefined();
    finish('page');
    await building;
    expect(cache.ready('a')).toBe('page');
    cache.moveTo('8|1000');
    expect(cache.ready('a')).toBeUndefined();
  });
});
