import { APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, negotiatedMediaType } from '../../src/server/http-status';

// The media type decides the status of a request error (src/server/http-status.ts), so it must be
// the one Apollo negotiates for the response.
describe('negotiatedMediaType', () => {
  test.each([
    [undefined, APPLICATION_JSON],
    ['', APPLICATION_JSON],
    ['application/json', APPLICATION_JSON],
    ['application/graphql-response+json', GRAPHQL_RESPONSE_JSON],
    ['application/graphql-response+json, application/json', GRAPHQL_RESPONSE_JSON],
    ['application/json, application/graphql-response+json', APPLICATION_JSON],
    ['application/json;q=0.9, application/graphql-response+json', GRAPHQL_RESPONSE_JSON],
    ['*/*', APPLICATION_JSON],
    ['application/*', APPLICATION_JSON],
    ['application/*;q=0.5, application/graphql-response+json', GRAPHQL_RESPONSE_JSON],
    ['APPLICATION/GRAPHQL-RESPONSE+JSON', GRAPHQL_RESPONSE_JSON],
    ['application/graphql-response+json;q=0, application/json', APPLICATION_JSON],
    ['text/html', null],
  ])('Accept: %p answers %p', (accept, expected) => {
    expect(negotiatedMediaType(accept)).toBe(expected);
  });
});
