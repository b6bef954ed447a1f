import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { preparedQueries } from './pglite-statements';

let client: PGlite;
let query: ReturnType<typeof preparedQueries>;
const prepared = async () =>
  (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_prepared_statements`)).rows[0]!.n;

beforeAll(async () => {
  client = await PGlite.create();
  await client.exec(`CREATE TABLE t (id int PRIMARY KEY, at timestamptz, tags text[], doc jsonb, note text)`);
  query = preparedQueries(client, 3);
});
afterAll(async () => client?.close());

describe('prepared statements on PGlite', () => {
  it('binds and reads every kind of value like PGlite’s own query()', async () => {
    const at = new Date('2026-12-06T10:00:00.123Z');
    await query('INSERT INTO t (id, at, tags, doc, note) VALUES ($1, $2, $3, $4, $5)', [
      1,
      at,
      ['а', 'b c'],
      JSON.stringify({ k: 'значение' }),
      null,
    ]);
    const mine = await query<Record<string, unknown>>('SELECT * FROM t WHERE id = $1', [1]);
    const theirs = await client.query<Record<string, unknown>>('SELECT * FROM t WHERE id = $1', [1]);
    expect(mine.rows).toEqual(theirs.rows);
    expect(mine.rows[0]).toMatchObject({ id: 1, at, tags: ['а', 'b c'], doc: { k: 'значение' }, note: null });
    // drizzle asks for arrays of values
    const arrays = await query('SELECT id, note FROM t WHERE id = $1', [1], { rowMode: 'array' });
    expect(arrays.rows).toEqual([[1, null]]);
  });

  it('parses a statement once and runs it again by name', async () => {
    const before = await prepared();
    for (let i = 0; i < 5; i++) await query('SELECT $1::int + 1 AS n', [i]);
    expect(await prepared()).toBe(Math.min(3, before + 1));
    expect((await query<{ n: number }>('SELECT $1::int + 1 AS n', [41])).rows).toEqual([{ n: 42 }]);
  });

  it('keeps at most its limit, dropping the least recently used', async () => {
    for (let i = 0; i < 6; i++) await query(`SELECT ${i} AS v, $1::text AS s`, ['x']);
    expect(await prepared()).toBe(3);
  });

  it('reports errors as PGlite does and goes on working', async () => {
    await expect(query('SELEC nonsense', [])).rejects.toThrow(/syntax error/);
    await expect(query('INSERT INTO t (id) VALUES ($1)', [1])).rejects.toThrow(/duplicate key/);
    expect((await query<{ id: number }>('SELECT id FROM t WHERE id = $1', [1])).rows).toEqual([{ id: 1 }]);
  });

  it('waits for an open transaction instead of running inside it', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const tx = client.transaction(async (t) => {
      await t.query('INSERT INTO t (id) VALUES (2)');
      await held;
      await t.rollback();
    });
    const seen = query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE id = $1', [2]);
    await new Promise((r) => setTimeout(r, 50));
    release();
    await tx.catch(() => undefined);
    // The rolled-back row was never visible: the query ran after the transaction, not in it.
    expect((await seen).rows).toEqual([{ n: 0 }]);
  });
});
