import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  GENESIS_HASH,
  auditHashInput,
  canonicalJson,
  computeAuditHash,
  normaliseDetails,
  normaliseText,
  type HashedAuditFields,
} from './canonical';

const entry: HashedAuditFields = {
  id: 7,
  occurredAt: new Date('2026-11-05T12:03:07.12+03:00'),
  actorUserId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  actorRole: 'agency_officer',
  subjectUserId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  action: 'documents.viewed',
  objectType: 'document',
  objectId: 'pass-42',
  ip: '192.0.2.10',
  userAgent: 'Mozilla/5.0',
  reason: null,
  details: { z: { x: -1 }, b: '«Паспорт» "РФ"', a: [1, 2.5, true, null] },
  prevHash: 'ab'.repeat(32),
};

describe('canonical serialisation of audit entries', () => {
  it('is a fixed-order JSON array with UTC milliseconds and sorted details (test vector)', () => {
    const expected =
      '["kabinet.audit.v1",7,"2026-11-05T09:03:07.120Z","0f8fad5b-d9cb-469f-a165-70867728950e","agency_officer",' +
      '"7c9e6679-7425-40de-944b-e07fc1f90ae7","documents.viewed","document","pass-42","192.0.2.10","Mozilla/5.0",null,' +
      '{"a":[1,2.5,true,null],"b":"«Паспорт» \\"РФ\\"","z":{"x":-1}},"' +
      'ab'.repeat(32) +
      '"]';
    expect(auditHashInput(entry)).toBe(expected);
    // Computed independently: printf '%s' "<the string above>" | sha256sum
    expect(computeAuditHash(entry)).toBe('e5831ec7fdb224fc323b2406ab1a719e9520f39bd8620f9412041baedbd3d935');
  });

  it('changes the hash when any single field changes', () => {
    const base = computeAuditHash(entry);
    const variants: Partial<HashedAuditFields>[] = [
      { id: 8 },
      { occurredAt: new Date(entry.occurredAt.getTime() + 1) },
      { actorUserId: null },
      { actorRole: 'support' },
      { subjectUserId: '7c9e6679-7425-40de-944b-e07fc1f90ae8' },
      { action: 'documents.downloaded' },
      { objectType: null },
      { objectId: 'pass-43' },
      { ip: '192.0.2.11' },
      { userAgent: '' },
      { reason: '' },
      { details: { ...entry.details, a: [1, 2.5, true] } },
      { prevHash: GENESIS_HASH },
    ];
    const hashes = variants.map((v) => computeAuditHash({ ...entry, ...v }));
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
  });

  it('keeps field boundaries: moving text between neighbouring fields changes the input', () => {
    const a = auditHashInput({ ...entry, objectType: 'doc', objectId: 'ument' });
    const b = auditHashInput({ ...entry, objectType: 'docu', objectId: 'ment' });
    expect(a).not.toBe(b);
    expect(auditHashInput({ ...entry, reason: null })).not.toBe(auditHashInput({ ...entry, reason: '' }));
  });

  it('writes JSON as RFC 8785 does', () => {
    expect(canonicalJson({ b: 1, a: { d: [], c: {} } })).toBe('{"a":{"c":{},"d":[]},"b":1}');
    expect(canonicalJson([-0, 1e21, 1e-7, 0.1 + 0.2, 100, -5.5])).toBe(
      '[0,1e+21,1e-7,0.30000000000000004,100,-5.5]',
    );
    expect(canonicalJson('строка "в кавычках"\n\t\\ \u001f')).toBe(
      '"строка \\"в кавычках\\"\\n\\t\\\\ \\u001f"',
    );
    // Keys sorted by UTF-16 code units: "€" (U+20AC) before "😀" (U+D83D U+DE00), uppercase before lowercase.
    expect(canonicalJson({ '😀': 1, '€': 2, a: 3, B: 4, '': 5 })).toBe('{"":5,"B":4,"a":3,"€":2,"😀":1}');
    for (const bad of [undefined, Number.NaN, Infinity, 1n, () => 1, Symbol('x')])
      expect(() => canonicalJson(bad)).toThrow();
  });

  it('does not depend on the order of keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        // and it is itself JSON that parses back to the same canonical form
        expect(canonicalJson(JSON.parse(canonicalJson(obj)))).toBe(canonicalJson(obj));
      }),
    );
  });

  it('normalises details to what jsonb stores', () => {
    expect(normaliseDetails(undefined)).toEqual({});
    expect(
      normaliseDetails({
        a: undefined,
        b: Number.NaN,
        c: new Date('2026-01-02T03:04:05.006Z'),
        d: [undefined, Infinity],
      }),
    ).toEqual({
      b: null,
      c: '2026-01-02T03:04:05.006Z',
      d: [null, null],
    });
    expect(normaliseDetails({ 'k\u0000': 'a\u0000b', s: 'x\ud800y', ok: '😀' })).toEqual({
      'k\uFFFD': 'a\uFFFDb',
      s: 'x\uFFFDy',
      ok: '😀',
    });
    expect(() => normaliseDetails([1, 2] as never)).toThrow();
    expect(() => normaliseDetails('text' as never)).toThrow();
    expect(normaliseText('\udc00ok\ud83d\ude00')).toBe('\uFFFDok😀');
  });
});
