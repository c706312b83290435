/** Injection token of the node's open better-sqlite3 database. Only repositories inject it. */
export const DATABASE = Symbol('DATABASE');
