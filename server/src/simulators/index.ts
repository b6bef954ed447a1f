import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context';
import { ensureSimulatorStore, registriesSimulator } from './registries';
import { postSimulator } from './post';
import { devPostRoutes } from './post/dev-routes';
import { mountCaSimulator } from './ca/mount';
import { bankSimulator } from './bank';
import { pushSimulator } from './push';
import { devPushRoutes } from './push/dev-routes';

export const REGISTRIES_PREFIX = '/sim/registries';
export const POST_PREFIX = '/sim/post';
export const PUSH_PREFIX = '/sim/push';

/** Once the app listens: the simulator's base URL at that address (any interface → 127.0.0.1). */
function onListen(app: FastifyInstance, prefix: string, use: (url: string) => void) {
  app.addHook('onListen', async () => {
    const address = app.server.address();
    if (!address || typeof address === 'string') return;
    const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
    use(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}${prefix}`);
  });
}

/**
 * Mounts the simulators of systems that cannot exist here, each under its own path of this same
 * server. They are reached over HTTP like the real systems, through the adapters on the modules'
 * side, and never share code with the domain.
 */
export async function registerSimulators(app: FastifyInstance, ctx: AppContext) {
  const { config } = ctx;
  if (config.caSimulator) await mountCaSimulator(app, ctx);
  if (config.bankSimulator) await app.register(bankSimulator, { prefix: '/sim/bank', db: ctx.db, config });
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
    onListen(app, REGISTRIES_PREFIX, (url) => (config.registriesUrl ??= url));
  }
  if (config.postSimulator) {
    await app.register(postSimulator, {
      prefix: POST_PREFIX,
      db: ctx.db,
      secret: config.postSecret,
      stepMs: () => config.postSimStepMs,
    });
    if (config.devTools && config.env !== 'production') devPostRoutes(app, ctx.db);
    onListen(app, POST_PREFIX, (url) => (config.postUrl ??= url));
  }
  if (config.pushSimulator) {
    await app.register(pushSimulator, { prefix: PUSH_PREFIX, db: ctx.db });
    if (config.devTools && config.env !== 'production') devPushRoutes(app, ctx.db, PUSH_PREFIX);
    // Identity's adapter accepts subscription endpoints of this simulator only at the address it listens on.
    onListen(app, PUSH_PREFIX, (url) => (config.pushSimulatorUrl = url));
  }
}
