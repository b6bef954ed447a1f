import { describe, expect, it } from 'vitest';
import { committedApiTypes, currentOpenApiDocument, renderApiTypes } from './openapi';

describe('the web client types', () => {
  it('match the OpenAPI document the server publishes (run `npm run api:types` after changing a route)', async () => {
    const doc = await currentOpenApiDocument();
    expect(committedApiTypes()).toBe(await renderApiTypes(doc));
  }, 60_000);
});
