// The Graph client's error catalog, as src/errors.ts (the one translation point) imports it. The
// classes live in http/errors.ts, the bottom layer, so every layer can throw them without importing up.
export * from './http/errors.js';
