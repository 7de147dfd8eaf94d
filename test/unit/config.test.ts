import { loadConfig, ConfigError } from '../../src/config';

describe('configuration', () => {
  test('defaults run the local embedded Neo4j in development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', neo4jUri: undefined, bcryptCost: 12, logLevel: 'info', neo4jDatabase: 'neo4j' });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  test.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['BCRYPT_COST', { BCRYPT_COST: '3' }],
    ['NEO4J_URI', { NEO4J_URI: 'http://localhost:7474' }],
    ['NEO4J_URI', { NEO4J_URI: 'not a url' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['JWT_SECRET', { JWT_SECRET: 'short' }],
    ['JWT_SECRET', { NODE_ENV: 'production' }],
    ['REDIS_URL', { REDIS_URL: 'mysql://x' }],
  ])('a bad %s stops start-up with a message naming it', (variable, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}:`));
  });

  test('a remote Neo4j is used when NEO4J_URI is set', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j+s://db.example.com', NEO4J_USER: 'app', NEO4J_PASSWORD: 'pw' });
    expect(config).toMatchObject({ neo4jUri: 'neo4j+s://db.example.com', neo4jUser: 'app', neo4jPassword: 'pw' });
  });
});
