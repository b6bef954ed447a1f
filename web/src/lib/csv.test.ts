import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a BOM, semicolons and CRLF, quoting only what needs it', () => {
    expect(
      toCsv([
        ['Дата', 'Сумма'],
        ['01.02.2026', '1 234,56 ₽'],
        ['a;b', 'say "hi"'],
        [null, 5],
      ]),
    ).toBe('\uFEFFДата;Сумма\r\n01.02.2026;1 234,56 ₽\r\n"a;b";"say ""hi"""\r\n;5\r\n');
  });
});
