#!/usr/bin/env node
// The command line runs the built JavaScript in dist/ (`npm ci` and `npm start` build it), so a call does
// not compile TypeScript first. In a checkout that was never built, the TypeScript source runs through tsx.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
