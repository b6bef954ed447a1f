// Tables the platform itself owns; modules' tables are gathered beside them.
export * from './sessions/schema';
export * from '../modules/identity/schema';
