import type { FastifyBaseLogger } from 'fastify';

/** The server's structured logger (pino, through Fastify). */
export type Logger = FastifyBaseLogger;
