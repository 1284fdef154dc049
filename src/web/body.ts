import { isUtf8 } from 'node:buffer';
import express from 'express';

/**
 * Request bodies (JSON and forms) for every route, read before the CSRF check looks for the form's token.
 * Bytes that are not UTF-8 are refused (400), not silently replaced by U+FFFD and saved.
 */

const bodyLimit = '200kb';
const verify = (_req: unknown, _res: unknown, bytes: Buffer) => {
  if (!isUtf8(bytes)) throw Object.assign(new Error('invalid UTF-8'), { status: 400 });
};

export const parseBody = [
  express.json({ limit: bodyLimit, verify }),
  express.urlencoded({ extended: false, limit: bodyLimit, parameterLimit: 2000, verify }),
];
