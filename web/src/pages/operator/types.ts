import type { paths } from '../../api/openapi';

/** A found citizen as the console shows them (GET /api/operator/lookups/{id}). */
export type Citizen =
  paths['/api/operator/lookups/{id}']['get']['responses'][200]['content']['application/json'];

/** The activation slip: link, temporary password and expiry, shown once. */
export type Slip = NonNullable<
  paths['/api/operator/lookups/{id}/confirm']['post']['responses'][200]['content']['application/json']['slip']
>;

export const isOperator = (roles: readonly string[]) => roles.includes('mfc_operator');
export const isConsoleUser = (roles: readonly string[]) =>
  roles.includes('mfc_operator') || roles.includes('support');
