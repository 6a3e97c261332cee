/**
 * `npm start`: compile the sources when they changed (scripts/build.mjs, imported so its check
 * runs in this process), then run the compiled server here too. One Node process instead of a
 * `prestart` process and then the server: start-up pays for one Node boot, not two.
 */
await import('./build.mjs');
await import('../dist/server.js');
