import 'reflect-metadata';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { validateInnPerson, validateSnils } from '@kabinet/shared';
import type { Db } from '../../platform/db';
import { HttpProblem } from '../../platform/errors';
import { issueCertificate, makeCrl, RequestProblem, type Authority } from './authority';
import { certificatesOf, revokeCertificate, revokedCertificates, saveCertificate } from './store';
import { officePage } from './page';

export { ensureCaStore } from './store';
export { loadAuthority } from './authority';

/**
 * An accredited certification authority (УЦ), simulated: it issues qualified-style certificates
 * to a PKCS#10 request carrying the applicant's ФИО and СНИЛС (the identity check happens at the
 * CA's office, which this simulator stands for), publishes its root certificate and a CRL, and
 * revokes certificates at the holder's request. Protocol: README.md beside this file.
 */
export interface CaSimulatorOptions {
  db: Db;
  authority: Authority;
  /** Public base of this simulator (…/sim/ca), written into certificates as the CRL address. */
  baseUrl: () => string;
  /** Validity of an issued certificate. */
  validityDays?: number;
  now?: () => Date;
}

const name = z.string().trim().min(1, 'Укажите фамилию и имя').max(100, 'Не длиннее 100 символов');
const snils = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .refine((v) => validateSnils(v).ok, 'Неверный СНИЛС: 11 цифр с верным контрольным числом');
const serial = z.string().regex(/^[0-9a-f]{2,64}$/i, 'Серийный номер — шестнадцатеричное число');

const issueBody = z.object({
  csr: z.string().min(100, 'Приложите запрос на сертификат (PKCS#10)').max(8192, 'Запрос слишком большой'),
  lastName: name,
  firstName: name,
  middleName: z.string().trim().max(100).nullish(),
  snils,
  inn: z
    .string()
    .trim()
    .refine((v) => v === '' || validateInnPerson(v).ok, 'Неверный ИНН физического лица (12 цифр)')
    .nullish(),
});

export const caSimulator: FastifyPluginAsync<CaSimulatorOptions> = async (plugin, options) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const now = options.now ?? (() => new Date());
  const validityDays = options.validityDays ?? 365;
  const { authority, db } = options;
  // Another system: its own API, no Kabinet session or CSRF token.
  const routeConfig = { access: 'public' as const, csrf: false };

  app.get(
    '/',
    {
      config: routeConfig,
      schema: { hide: true, querystring: z.object({ snils: z.string().max(20).optional() }) },
    },
    async (request, reply) => {
      const parsed = request.query.snils ? snils.safeParse(request.query.snils) : null;
      const rows = parsed?.success ? await certificatesOf(db, parsed.data) : [];
      reply.type('text/html; charset=utf-8');
      return officePage({
        root: authority.certificate,
        query: request.query.snils ?? '',
        invalid: parsed ? !parsed.success : false,
        rows,
        now: now(),
      });
    },
  );

  app.get('/root.crt', { config: routeConfig, schema: { hide: true } }, async (_request, reply) => {
    reply
      .type('application/x-pem-file')
      .header('content-disposition', 'attachment; filename="kabinet-ca-root.crt"');
    return authority.certificate.toString('pem');
  });

  app.get('/crl', { config: routeConfig, schema: { hide: true } }, async (_request, reply) => {
    const revoked = await revokedCertificates(db);
    const crl = await makeCrl(
      authority,
      revoked.map((r) => ({ serial: r.serial, at: r.at! })),
      now(),
    );
    reply.type('application/pkix-crl').header('cache-control', 'no-store');
    return Buffer.from(crl.rawData);
  });

  app.post(
    '/api/certificates',
    { config: routeConfig, schema: { hide: true, body: issueBody } },
    async (request, reply) => {
      const { csr, ...applicant } = request.body;
      const at = now();
      let certificate;
      try {
        certificate = await issueCertificate(authority, {
          csr,
          applicant: { ...applicant, inn: applicant.inn || null },
          notBefore: new Date(at.getTime() - 60_000),
          notAfter: new Date(at.getTime() + validityDays * 24 * 3600_000),
          crlUrl: `${options.baseUrl()}/crl`,
        });
      } catch (err) {
        if (err instanceof RequestProblem)
          throw new HttpProblem(400, err.message, [{ field: 'csr', message: err.message }]);
        throw err;
      }
      const pem = certificate.toString('pem');
      await saveCertificate(db, {
        serial: certificate.serialNumber,
        snils: applicant.snils,
        subject: certificate.subject,
        pem,
        notBefore: certificate.notBefore,
        notAfter: certificate.notAfter,
      });
      reply.code(201);
      return {
        serial: certificate.serialNumber,
        subject: certificate.subject,
        notBefore: certificate.notBefore.toISOString(),
        notAfter: certificate.notAfter.toISOString(),
        certificate: pem,
      };
    },
  );

  app.post(
    '/api/certificates/:serial/revoke',
    {
      config: routeConfig,
      schema: { hide: true, params: z.object({ serial }), body: z.object({ snils }) },
    },
    async (request) => {
      // The holder's СНИЛС stands for the holder's application at the office.
      const ok = await revokeCertificate(db, request.params.serial.toLowerCase(), request.body.snils, now());
      if (!ok) throw new HttpProblem(404, 'Действующий сертификат с таким номером и СНИЛС не найден.');
      return { status: 'revoked' as const };
    },
  );
};
