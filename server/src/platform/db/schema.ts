// Every table of every module, for Drizzle's relational queries and drizzle-kit. Each module owns
// its own schema.ts; this file only gathers them.
export * from '../schema';
