/**
 * zod/mini with English error messages, for the contracts the engine worker loads at every start (engine protocol,
 * model manifest): classic zod's initialisation costs ~70 ms there, mini's a few. Mini ships without a locale, so
 * its issues would all read "Invalid input" without the config below.
 */
import * as z from 'zod/mini';

z.config(z.locales.en());

export { z };
