import { describe, expect, it } from 'vitest';
import { lookupRequestSchema, newTempPassword, walkInSchema } from './mfc';

describe('МФЦ console input', () => {
  it('makes temporary passwords readable from paper and never the same', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const p = newTempPassword();
      expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{4}-[A-HJ-NP-Za-km-z2-9]{4}-[A-HJ-NP-Za-km-z2-9]{4}$/);
      expect(p).not.toMatch(/[01OIl]/);
      seen.add(p);
    }
    expect(seen.size).toBe(500);
  });

  it('normalises an exact identifier and refuses a partial one', () => {
    expect(
      lookupRequestSchema.parse({ kind: 'phone', value: '8 (912) 345-67-89', reason: 'unlock' }),
    ).toEqual({
      kind: 'phone',
      value: '+79123456789',
      reason: 'unlock',
    });
    expect(
      lookupRequestSchema.parse({ kind: 'passport', value: '45 06 № 123456', reason: 'unlock' }).value,
    ).toBe('4506123456');
    const partial = lookupRequestSchema.safeParse({ kind: 'snils', value: '112-233', reason: 'unlock' });
    expect(partial.success).toBe(false);
    expect(partial.error!.issues[0]!.path).toEqual(['value']);
    expect(lookupRequestSchema.safeParse({ kind: 'name', value: 'Иванов', reason: 'unlock' }).success).toBe(
      false,
    );
    expect(
      lookupRequestSchema.safeParse({ kind: 'phone', value: '+79123456789', reason: 'curiosity' }).success,
    ).toBe(false);
  });

  it('requires the citizen’s consent for a walk-in account', () => {
    const r = walkInSchema.safeParse({
      person: {
        lastName: 'Иванов',
        firstName: 'Иван',
        birthDate: '1980-01-01',
        passport: '4506123456',
        passportIssuedAt: '2005-01-01',
        passportIssuerCode: '770-001',
        snils: '112-233-445 95',
      },
      phone: '+79123456789',
      consent: false,
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['consent']);
  });
});
