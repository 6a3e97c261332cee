/**
 * The bench's baseline: a bare Express route in its own process, started and loaded the same
 * way as the product's server, so a ratio says what the product adds to Express and Node.
 */
import console from 'node:console';
import process from 'node:process';
import express from 'express';

const app = express();
app.get('/', (_req, res) => {
  res.send('ok');
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(
    `bare route running at http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`,
  );
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
