import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

/** The mail-related variables (README table): defaults and the errors that name them. */
describe('configuration: mail variables', () => {
  it('defaults: key from the key file, URL from the request, no insecure loopback', () => {
    const config = loadConfig({});
    assert.equal(config.secretKey, undefined);
    assert.equal(config.publicUrl, undefined);
    assert.equal(config.oauthAllowInsecureLoopback, false);
  });

  it('OA-1: PUBLIC_URL is an http(s) base URL, stored without a trailing slash', () => {
    assert.equal(loadConfig({ PUBLIC_URL: 'https://crm.example.com/' }).publicUrl, 'https://crm.example.com');
    assert.equal(loadConfig({ PUBLIC_URL: 'https://example.com/tandem/' }).publicUrl, 'https://example.com/tandem');
    for (const bad of ['crm.example.com', 'ftp://crm.example.com', 'https://crm.example.com/?x=1']) {
      assert.throws(
        () => loadConfig({ PUBLIC_URL: bad }),
        (e: Error) => e instanceof ConfigError && /PUBLIC_URL/.test(e.message),
      );
    }
  });

  it('OAUTH_ALLOW_INSECURE_LOOPBACK is true or false only', () => {
    assert.equal(loadConfig({ OAUTH_ALLOW_INSECURE_LOOPBACK: 'true' }).oauthAllowInsecureLoopback, true);
    assert.throws(() => loadConfig({ OAUTH_ALLOW_INSECURE_LOOPBACK: 'yes' }), /OAUTH_ALLOW_INSECURE_LOOPBACK/);
  });
});

/** The job queue and scheduler variables (README table). */
describe('configuration: job queue variables', () => {
  it('defaults: in-process queue, automatic sync every 15 minutes', () => {
    const config = loadConfig({});
    assert.equal(config.redisUrl, undefined);
    assert.equal(config.syncIntervalMinutes, 15);
  });

  it('REDIS_URL takes redis:// and rediss:// URLs; anything else names the variable without echoing it', () => {
    assert.equal(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl, 'redis://127.0.0.1:6379');
    assert.equal(
      loadConfig({ REDIS_URL: ' rediss://:pw@cache.example.com:6380/2 ' }).redisUrl,
      'rediss://:pw@cache.example.com:6380/2',
    );
    assert.equal(loadConfig({ REDIS_URL: '' }).redisUrl, undefined);
    for (const bad of ['127.0.0.1:6379', 'http://cache:6379', 'postgres://u:secret-pw@db/x']) {
      assert.throws(
        () => loadConfig({ REDIS_URL: bad }),
        (e: Error) => e instanceof ConfigError && /REDIS_URL/.test(e.message) && !e.message.includes('secret-pw'),
      );
    }
  });

  it('SYNC_INTERVAL_MINUTES is a whole number from 1 to 1440', () => {
    assert.equal(loadConfig({ SYNC_INTERVAL_MINUTES: '1' }).syncIntervalMinutes, 1);
    assert.equal(loadConfig({ SYNC_INTERVAL_MINUTES: '1440' }).syncIntervalMinutes, 1440);
    for (const bad of ['0', '1441', '7.5', 'often']) {
      assert.throws(
        () => loadConfig({ SYNC_INTERVAL_MINUTES: bad }),
        (e: Error) => e instanceof ConfigError && /SYNC_INTERVAL_MINUTES/.test(e.message),
      );
    }
  });
});
