/** The text a capture copies, for app/ and main/: it lives in the contracts, as the renderer copies it too. */
export * from '../contracts/copy-text';
