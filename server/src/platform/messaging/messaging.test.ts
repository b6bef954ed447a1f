import { describe, expect, it } from 'vitest';
import { mailDomain } from './mail';
import { createSmsGateway } from './sms';
import { codeIn } from './testing';

describe('messaging helpers', () => {
  it('takes the Message-ID domain from the From address', () => {
    expect(mailDomain('Кабинет <no-reply@kabinet.localhost>')).toBe('kabinet.localhost');
    expect(mailDomain('robot@gosuslugi.example.ru')).toBe('gosuslugi.example.ru');
    expect(mailDomain('no address at all')).toBe('kabinet.localhost');
  });

  it('builds the SMS gateway SMS_GATEWAY names; the outbox keeps texts', async () => {
    const gateway = createSmsGateway({ smsGateway: 'outbox' });
    expect(gateway).toMatchObject({ name: 'outbox', keepsText: true });
    const a = await gateway.send({ to: '+79123456789', text: 'x' });
    const b = await gateway.send({ to: '+79123456789', text: 'x' });
    expect(a.providerId).toMatch(/^outbox-[0-9a-f-]{36}$/);
    expect(a.providerId).not.toBe(b.providerId);
  });

  it('finds the one-time code in a message', () => {
    expect(codeIn('Код для входа в Кабинет: 012345. Никому его не сообщайте.')).toBe('012345');
    expect(() => codeIn('Нет кода 12345')).toThrow();
  });
});
