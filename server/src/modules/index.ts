import type { KabinetModule } from '../platform/context';
import { platformModule } from '../platform/module';
import { messagingModule } from '../platform/messaging';
import { identityModule } from './identity';

/** Every capability of the portal, in the order their routes are registered. */
export const modules: KabinetModule[] = [platformModule, messagingModule, identityModule];
