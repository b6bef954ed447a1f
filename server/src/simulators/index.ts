import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context';
import { ensureSimulatorStore, registriesSimulator } from './registries';

export const REGISTRIES_PREFIX = '/sim/registries';

/**
 * Mounts the simulators of systems that cannot exist here, each under its own path of this same
 * server. They are reached over HTTP like the real systems, through the adapters on the modules'
 * side, and never share code with the domain.
 */
export async function registerSimulators(app: FastifyInstance, ctx: AppContext) {
  const { config } = ctx;
  if (config.registriesSimulator) {
    await ensureSimulatorStore(ctx.database);
    await app.register(registriesSimulator, {
      prefix: REGISTRIES_PREFIX,
      db: ctx.db,
      secret: config.registriesSecret,
      delayMs: () => config.registriesSimDelayMs,
    });
    // Without REGISTRIES_URL the adapter calls this simulator at the address the app really
    // listens on — which is only known once it listens (PORT=0 picks a free port).
    app.addHook('onListen', async () => {
      if (config.registriesUrl) return;
      const address = app.server.address();
      if (!address || typeof address === 'string') return;
      const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
      const shown = host.includes(':') ? `[${host}]` : host;
      config.registriesUrl = `http://${shown}:${address.port}${REGISTRIES_PREFIX}`;
    });
  }
}
