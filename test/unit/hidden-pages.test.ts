import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageObjectCount } from '../../app/documents/hidden-pages';

test('page dictionaries are counted once each across the windows the file is read in, escapes and all', () => {
  const window = 8 * 2 ** 20;
  const bytes = Buffer.alloc(2 * window + 4096, ' ');
  // One across the first window's end, one just inside the overlap the first window also reads, one with escapes,
  // and a /Pages node that is no page.
  for (const [at, text] of [
    [window - 4, '/Type /Page>>'],
    [window + 10, '/Type/Page\n'],
    [window + 3000, '/T#79pe /P#61ge '],
    [100, '/Type /Pages '],
  ] as const)
    bytes.write(text, at, 'latin1');
  assert.equal(pageObjectCount(bytes), 3);
});
