import type { KabinetModule } from '../../platform/context';
import { identityRoutes } from './routes';

export { loadPrincipal } from './queries';

export const identityModule: KabinetModule = {
  name: 'identity',
  routes: identityRoutes,
};
