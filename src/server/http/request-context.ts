import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Actor } from './access.ts';

/** The signed-in user of a request; the access hook guarantees one on non-anonymous routes. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('TANDEM_ERR_UNAUTHENTICATED');
  return request.actor;
}

/** JSON-schema helpers for route declarations. */
export const nullableText = (maxLength: number) => ({ type: ['string', 'null'], maxLength }) as const;
export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;
