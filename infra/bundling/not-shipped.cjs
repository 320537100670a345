'use strict';
/*
 * Stands in, inside a Lambda bundle, for a package that bundle does not ship (tsconfig paths in this
 * folder map the package here). esbuild wraps a module reached only through `await import()` in a lazy
 * initialiser, so this throws only if the code path that needs the package is taken — and then says why,
 * instead of a bare "Cannot find module".
 */
throw new Error(
  'This package is not shipped in this Lambda bundle (infra/bundling/not-shipped.cjs): the code path that needs it is local-only or belongs to another function.',
);
