import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context';
import { caSimulator, ensureCaStore, loadAuthority } from './index';

export const CA_PREFIX = '/sim/ca';

/**
 * Mounts the CA simulator at /sim/ca. Without ESIGN_TRUSTED_CAS (development, tests) its root is
 * the one CA Kabinet trusts; the CRL address written into certificates is CA_URL or, once the app
 * listens, the address it really listens on.
 */
export async function mountCaSimulator(app: FastifyInstance, ctx: AppContext) {
  const { config } = ctx;
  await ensureCaStore(ctx.database);
  const authority = await loadAuthority(config.caSecretsFile);
  if (!config.esignTrustedCas.length) config.esignTrustedCas = [authority.certificate.toString('pem')];
  let listening: string | null = null;
  app.addHook('onListen', async () => {
    const address = app.server.address();
    if (!address || typeof address === 'string') return;
    const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
    listening = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}${CA_PREFIX}`;
  });
  await app.register(caSimulator, {
    prefix: CA_PREFIX,
    db: ctx.db,
    authority,
    baseUrl: () => config.caUrl ?? listening ?? `http://127.0.0.1:${config.port}${CA_PREFIX}`,
  });
}
