/**
 * The error body as the docs spell it out names every field a real answer carries: a client written from the README or
 * http-hardening.md that never reads `reason` cannot tell a PDF that needs a password from a wrong one, and one that
 * never reads `cause` cannot say why the engine refuses work (MODEL_CORRUPT behind ENGINE_UNAVAILABLE).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LanternError, toWireError } from '../../app/contracts/errors';
import { errorAnswer } from '../../app/http/errors';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** An encrypted PDF sent without its password, as the documents layer refuses it. */
const needsPassword = new LanternError('PDF_ENCRYPTED', 'the PDF is encrypted: give its password', {
  reason: 'NEEDS_PASSWORD',
});
/** A request refused while the engine sits in error because a model file is corrupt. */
const engineInError = new LanternError('ENGINE_UNAVAILABLE', 'the engine is in error', {
  why: { code: 'MODEL_CORRUPT', message: 'model file corrupt' },
});

/** The fields of the error objects a surface really writes for both failures. */
function fieldsOf(errors: readonly object[]): string[] {
  return [...new Set(errors.flatMap((e) => Object.keys(e)))].sort();
}

/** The sentence of a Markdown file that spells out the error body (the one that shows `"error"` with its fields). */
function errorSentence(file: string): string {
  const text = readFileSync(path.join(ROOT, file), 'utf8').replace(/\s+/g, ' ');
  const at = text.search(/"error"\s*:\s*\{\s*"code"/);
  assert.ok(at >= 0, `${file} spells out no error body`);
  const start = text.slice(0, at).search(/[^.]*$/);
  const end = text.slice(at).search(/\.\s+[-A-Z*]|$/);
  return text.slice(start, at + end);
}

const httpFields = fieldsOf([needsPassword, engineInError].map((e) => errorAnswer(e).body.error));

/** The CLI reads in its own process, with no engine host that could stand in error behind a refusal. */
const cliFields = fieldsOf([toWireError(needsPassword)]);

const surfaces: { file: string; fields: string[] }[] = [
  { file: 'README.md', fields: httpFields },
  { file: 'docs/http-hardening.md', fields: httpFields },
  { file: 'docs/cli.md', fields: cliFields },
];

test('the HTTP error body carries a reason and a cause where they apply', () => {
  assert.deepEqual(httpFields, ['cause', 'code', 'message', 'reason']);
  assert.deepEqual(cliFields, ['code', 'message', 'reason']);
});

for (const { file, fields } of surfaces)
  test(`${file} names every field of the error body (${fields.join(', ')})`, () => {
    const sentence = errorSentence(file);
    const missing = fields.filter((f) => !new RegExp(`\\b${f}\\b`).test(sentence));
    assert.deepEqual(missing, [], `${file}: the error body it spells out lacks ${missing.join(', ')}`);
  });
