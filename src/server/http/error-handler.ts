import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { validationToAppError } from './validation.ts';

/** Maps framework errors onto the registry once, so every response has the same shape (DESIGN §4). */
function toAppError(err: FastifyError | Error): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError & { validationContext?: string };
  if (fe.validation) return validationToAppError(fe.validation as never, fe.validationContext);
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('TANDEM_ERR_UNSUPPORTED_MEDIA');
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('TANDEM_ERR_PAYLOAD_TOO_LARGE');
  if (fe.code?.startsWith('FST_ERR_CTP') || (fe.statusCode === 400 && err instanceof SyntaxError)) {
    return new AppError('TANDEM_ERR_MALFORMED_JSON', `The request body is not valid JSON: ${err.message}`);
  }
  if (fe.statusCode === 429) return new AppError('TANDEM_ERR_RATE_LIMITED');
  if (fe.statusCode === 404) return new AppError('TANDEM_ERR_NOT_FOUND');
  return new AppError('TANDEM_ERR_INTERNAL');
}

/** Installs the one error handler of the API. Unknown errors are logged and answered with 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, request, reply) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) request.log.error({ err }, 'request failed');
    const body: { code: string; message: string; details?: Record<string, unknown> } = {
      code: appErr.code,
      message: appErr.message,
    };
    if (appErr.details) body.details = appErr.details;
    return reply.status(appErr.status).send({ error: body });
  });
}
