import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

/**
 * `npm ci` warns (EBADENGINE) for every locked package whose `engines.node` the running Node does
 * not satisfy. The lock records each package's engines, so the check needs no install: a new
 * dependency that wants a newer Node fails here, before a fresh machine prints the warning.
 */
describe('the locked dependencies run on this Node', () => {
  const lock = JSON.parse(readFileSync(join(__dirname, '../../package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
  };
  const pinned = (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node;

  test('every package in package-lock.json accepts the Node version the project runs on', () => {
    const refused = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return range && !semver.satisfies(process.versions.node, range, { includePrerelease: true }) ? [`${path}@${entry.version} wants node ${range}`] : [];
      });
    expect(refused).toEqual([]);
  });

  test('the running Node is the one package.json names', () => {
    expect(pinned).toBeDefined();
    expect(semver.satisfies(process.versions.node, pinned!)).toBe(true);
  });
});
