import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config.js';
import { presentSettings } from '../../src/web/settings-present.js';

/** Every setting is read by Config at start and shown on the settings page; none is read elsewhere. */
describe('settings read only through Config', () => {
  const base = { GJERDE_DATA: '/tmp/gjerde-settings/store' };

  it('takes LOG_LEVEL and GJERDE_CHROMIUM and shows both on the settings page', () => {
    const config = loadConfig({ ...base, LOG_LEVEL: 'warn', GJERDE_CHROMIUM: '/opt/chromium/chrome' });
    expect(config.logLevel).toBe('warn');
    expect(config.chromium).toBe('/opt/chromium/chrome');
    const rows = presentSettings(config);
    expect(rows).toContainEqual({ name: 'Loggnivå', value: 'warn', variable: 'LOG_LEVEL' });
    expect(rows).toContainEqual({
      name: 'Nettleser for PDF-eksport',
      value: '/opt/chromium/chrome',
      variable: 'GJERDE_CHROMIUM',
    });
  });

  it('defaults to Debian’s Chromium, and to «info», or silence under Jest', () => {
    expect(loadConfig(base).chromium).toBe('/usr/bin/chromium');
    expect(loadConfig(base).logLevel).toBe('info');
    expect(loadConfig({ ...base, NODE_ENV: 'test' }).logLevel).toBe('silent');
  });

  it('takes GJERDE_APPROVAL_KEY of at least 32 printable characters, and shows only whether it is set', () => {
    const key = '0123456789abcdef0123456789abcdef';
    const config = loadConfig({ ...base, GJERDE_APPROVAL_KEY: key });
    expect(config.approvalKey).toBe(key);
    const row = presentSettings(config).find((setting) => setting.variable === 'GJERDE_APPROVAL_KEY');
    expect(row?.value).toMatch(/^ja: /);
    expect(JSON.stringify(presentSettings(config))).not.toContain(key);
    expect(loadConfig(base).approvalKey).toBeUndefined();
    for (const bad of ['for-kort', ` ${key}`, `${key} med mellomrom`])
      expect(() => loadConfig({ ...base, GJERDE_APPROVAL_KEY: bad })).toThrow(
        'GJERDE_APPROVAL_KEY must be at least 32 printable characters',
      );
  });

  it('stops the start on a log level pino does not know, saying which it knows', () => {
    expect(() => loadConfig({ ...base, LOG_LEVEL: 'verbose' })).toThrow(
      'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got «verbose»',
    );
  });
});
