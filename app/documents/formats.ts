/** Document text formats, for app/: they live in the contracts, as the renderer exports them too. */
export * from '../contracts/document-formats';
