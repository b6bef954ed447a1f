import { readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from './app';
import { modules } from './modules';
import { loadPrincipal } from './modules/identity';
import { loadConfig, repoRoot } from './platform/config';
import { closeContext, createContext } from './platform/context';

export const API_TYPES_FILE = path.join(repoRoot, 'web', 'src', 'api', 'openapi.d.ts');

/** The OpenAPI document exactly as the server publishes it at /api/openapi.json. */
export async function currentOpenApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    {
      dataDir: 'memory://',
      databaseUrl: undefined,
      secrets: { cookie: 'x'.repeat(32), pepper: 'x'.repeat(32) },
    },
  );
  const ctx = await createContext({ config, modules, logger: pino({ level: 'silent' }), work: false });
  try {
    const app = await buildApp(ctx, { modules, loadPrincipal });
    await app.ready();
    const doc = app.swagger() as unknown as Record<string, unknown>;
    await app.close();
    return doc;
  } finally {
    await closeContext(ctx);
  }
}

/** TypeScript types of every path for the web app's openapi-fetch client. */
export async function renderApiTypes(doc: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(doc as never);
  return `// Generated from the server's OpenAPI document by \`npm run api:types\`. Do not edit.\n\n${astToString(ast)}`;
}

export const committedApiTypes = () => readFileSync(API_TYPES_FILE, 'utf8');
