import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPassword, PASSWORD_MAX_LENGTH } from './password';

describe('checkPassword', () => {
  it('accepts a passphrase of ordinary words with spaces', () => {
    const v = checkPassword('зелёный трамвай едет к морю');
    expect(v.ok).toBe(true);
    expect(v.score).toBeGreaterThanOrEqual(3);
  });
  it('refuses short passwords and says how many characters are missing', () => {
    expect(checkPassword('Ab1!xyz')).toMatchObject({
      ok: false,
      message: 'Пароль слишком короткий: 7 из 12 символов. Подойдёт фраза из нескольких слов.',
    });
  });
  it('refuses over-long passwords', () => {
    expect(checkPassword('я'.repeat(PASSWORD_MAX_LENGTH + 1)).ok).toBe(false);
  });
  it('refuses common and breached passwords, Russian ones included', () => {
    for (const p of ['qwertyuiop12', 'йцукенгшщзхъ', 'password1234', '123456789012', 'ghjcnjgfhjkm']) {
      const v = checkPassword(p);
      expect(v.ok, p).toBe(false);
      expect(v.message).toMatch(/часто используемых|легко подобрать/);
    }
  });
  it('refuses a password containing the person’s own data', () => {
    expect(checkPassword('ivanov-secret-2026', ['ivanov@demo.kabinet.ru']).message).toMatch(/ваши данные/);
    expect(checkPassword('моё 9001000001 слово', ['+79001000001']).message).toMatch(/ваши данные/);
  });
  it('counts characters, not UTF-16 units, and never throws', () => {
    expect(checkPassword('😀😀😀😀😀😀😀😀😀😀😀').ok).toBe(false);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const v = checkPassword(s);
        expect(v.score).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });
});
