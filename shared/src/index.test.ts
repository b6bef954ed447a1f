import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as shared from './index';

describe('@kabinet/shared public API', () => {
  it('exports every validator, schema and generator', () => {
    const ids = [
      'Snils',
      'Inn',
      'InnPerson',
      'InnLegal',
      'Ogrn',
      'Ogrnip',
      'Kpp',
      'Passport',
      'Phone',
      'PostalCode',
      'Bik',
      'Uin',
      'Card',
    ];
    for (const id of ids) {
      expect(typeof (shared as Record<string, unknown>)[`validate${id}`], `validate${id}`).toBe('function');
      expect(typeof (shared as Record<string, unknown>)[`random${id}`], `random${id}`).toBe('function');
      const schema = (shared as Record<string, unknown>)[`${id[0]?.toLowerCase()}${id.slice(1)}Schema`];
      expect(schema, `${id} schema`).toBeInstanceOf(z.ZodType);
    }
    for (const name of [
      'validateAccount',
      'validateAccountNumber',
      'randomAccount',
      'cardBrand',
      'stripSeparators',
    ]) {
      expect(typeof (shared as Record<string, unknown>)[name], name).toBe('function');
    }
    for (const name of [
      'formatDate',
      'formatDateShort',
      'formatTime',
      'formatDateTime',
      'formatRelative',
      'formatMoney',
      'plural',
      'pluralize',
      'formatPhone',
      'formatSnils',
      'formatPassport',
      'formatUin',
      'maskCard',
      'statusMeta',
      'isProblem',
    ]) {
      expect(typeof (shared as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(shared.STATUS_META.application.draft.label).toBe('Черновик');
    expect(shared.problemSchema).toBeInstanceOf(z.ZodObject);
  });

  it('does not leak internal helpers', () => {
    for (const name of ['valid', 'invalid', 'digitsOf', 'weightedSum', 'randomInt', 'pick', 'seededRandom']) {
      expect(name in shared, name).toBe(false);
    }
  });

  it('every identifier schema can be described as JSON Schema (OpenAPI)', () => {
    for (const [name, value] of Object.entries(shared)) {
      if (name.endsWith('Schema') && value instanceof z.ZodType) {
        expect(() => z.toJSONSchema(value), name).not.toThrow();
      }
    }
  });
});

describe('runtime code is portable (server and browser)', () => {
  const root = new URL('./', import.meta.url);
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'testing.ts')
    .map((f) => [f, readFileSync(new URL(f, root), 'utf8')] as const);
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const declared = Object.keys(manifest.dependencies ?? {});

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(15);
  });

  it.each(files.map(([f]) => f))(
    '%s imports only declared dependencies, and uses no Node/DOM globals',
    (file) => {
      const source = files.find(([f]) => f === file)?.[1] ?? '';
      const code = source.replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      const specifiers = [...code.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1] ?? '');
      for (const specifier of specifiers) {
        const ok =
          specifier.startsWith('./') ||
          specifier.startsWith('../') ||
          declared.some((d) => specifier === d || specifier.startsWith(`${d}/`));
        expect(ok, `${file}: ${specifier}`).toBe(true);
      }
      expect(code, file).not.toMatch(
        /\b(process\.|Buffer\b|require\(|__dirname|__filename|window\.|document\.|localStorage|sessionStorage|navigator\.)/,
      );
    },
  );
});
