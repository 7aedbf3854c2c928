/**
 * zod/mini with English error messages, for the contracts the engine worker loads at every start (engine protocol,
 * model manifest): classic zod's initialisation is many times slower there (docs/engine.md). Mini ships without a
 * locale, so its issues would all read "Invalid input" without the config below. Import it as
 * `import * as z from './zod-mini'`: used that way, the bundler keeps only the parts of zod that are used (only
 * English of its ~50 locales).
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
