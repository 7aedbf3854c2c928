/** Paths and ground truth of the test fixtures (copied from ../shared/eval, see test/fixtures/SOURCES.md). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the fixtures folder. */
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Absolute path of one fixture. */
export const fixture = (name: string) => path.join(FIXTURES, name);

/** Ground-truth text of an image fixture (its .txt beside it). */
export const groundTruth = (image: string) =>
  readFileSync(fixture(image.replace(/\.[a-z]+$/, '.txt')), 'utf8');
