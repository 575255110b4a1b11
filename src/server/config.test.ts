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
