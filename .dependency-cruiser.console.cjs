/**
 * The console's dependency rules: those of .dependency-cruiser.cjs (no cycles, nothing unresolvable,
 * no orphans...), resolved with the console's own tsconfig (bundler resolution, JSX, DOM).
 * `npm run lint:deps` runs `depcruise console/src --config .dependency-cruiser.console.cjs`.
 */

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  extends: './.dependency-cruiser.cjs',
  options: {
    // Absolute: dependency-cruiser 17 hands a relative path in a subfolder to TypeScript, which then
    // looks for the `include`d files relative to console/console/ and finds none.
    tsConfig: { fileName: `${__dirname}/console/tsconfig.json` },
  },
};
