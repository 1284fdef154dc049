/**
 * Express hello-world: the framework's ceiling on this machine, measured in the same run. With `helmet`
 * and/or `log` as arguments, Gjerde's security headers (helmet with its CSP) and request log go in front,
 * to measure what each costs a request.
 */
import express from 'express';
import { requestLog } from '../src/web/app.js';
import { securityHeaders } from '../src/web/security.js';

const app = express();
if (process.argv.includes('helmet')) app.use(securityHeaders());
app.disable('x-powered-by');
if (process.argv.includes('log')) app.use(requestLog);
app.get('/', (_req, res) => {
  res.send('Hello World!');
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});
