/** The document result's schema, for app/: it lives in the contracts the transports share. */
export * from '../contracts/document-schema';
