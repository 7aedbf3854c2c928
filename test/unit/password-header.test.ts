import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodePasswordHeader } from '../../app/contracts/http-routes';
import { decodePasswordHeader } from '../../app/http/password-header';

test('a PDF password crosses a header whatever its script: RFC 8187 from the window, raw UTF-8 bytes from curl', () => {
  for (const pw of ['s3cret', '密码', 'pâté 50%', "utf-8''x"])
    assert.equal(decodePasswordHeader(encodePasswordHeader(pw)), pw);
  assert.match(encodePasswordHeader('密码'), /^[\x21-\x7e]+$/u, 'a header value fetch accepts');
  // What Node hands over when curl sent the UTF-8 bytes of "密码" as they are.
  assert.equal(decodePasswordHeader(Buffer.from('密码', 'utf8').toString('latin1')), '密码');
  // A plain value stays as sent, percent signs included; Latin-1 that is not UTF-8 too.
  assert.equal(decodePasswordHeader('50%off'), '50%off');
  assert.equal(decodePasswordHeader('caf\u00e9'), 'caf\u00e9');
});
