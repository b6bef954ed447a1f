// Tables the platform itself owns; modules' tables are gathered beside them.
export * from './sessions/schema';
export * from './settings-schema';
export * from '../modules/identity/schema';
export * from './audit/schema';
export * from './messaging/schema';
