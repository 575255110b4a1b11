import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isControlPath, isEwsPath, isGraphPath } from '../control/paths.ts';
import { COUNTER, type EmulatorStats } from '../stats/emulator-stats.ts';
import { defaultGraphFaultBody } from './fault-response.ts';
import type { FaultRule, FaultStore } from './fault-rules.ts';
import { operationFromSoapAction, operationFromSoapBody } from './soap-operation.ts';

/**
 * Applies injected faults in `preParsing`: after the throttle hook took the mailbox slot (so a delay keeps the
 * request in flight and counts against concurrency) and with the raw body at hand (to read the EWS operation).
 * Every path except the control API can be faulted. Callback style: answering means not calling `done`.
 */
export function registerFaultHooks(app: FastifyInstance, faults: FaultStore, stats: EmulatorStats): void {
  app.addHook('preParsing', (request, reply, payload, done) => {
    if (isControlPath(request.url)) return done(null, payload);
    applyFaults(request, reply, payload, faults, stats).then(
      (next) => {
        if (next !== 'handled') done(null, next);
      },
      (err: Error) => done(err),
    );
  });
}

type Payload = Readable & { receivedEncodedLength?: number };

async function applyFaults(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: Payload,
  faults: FaultStore,
  stats: EmulatorStats,
): Promise<Payload | 'handled'> {
  let body = payload;
  let op: string | undefined;
  if (isEwsPath(request.url) && faults.needsOperation()) {
    op = operationFromSoapAction(request.headers.soapaction);
    if (request.method === 'POST') {
      const buffer = await readAll(payload);
      op ??= operationFromSoapBody(buffer.toString('utf8'));
      body = Readable.from([buffer]);
      body.receivedEncodedLength = buffer.length;
    }
  }
  const rule = faults.take('http', { method: request.method, url: request.url, op });
  if (!rule) return body;
  stats.increment(COUNTER.faultsFired);
  if (rule.delayMs) await sleep(rule.delayMs);
  if (rule.reset) {
    // Destroying the socket is what a client sees as ECONNRESET / "socket hang up".
    reply.hijack();
    request.raw.socket?.destroy();
    request.raw.destroy();
    return 'handled';
  }
  if (rule.respond) {
    respond(request, reply, rule.respond);
    return 'handled';
  }
  return body;
}

function respond(request: FastifyRequest, reply: FastifyReply, respond: NonNullable<FaultRule['respond']>): void {
  reply.code(respond.status);
  if (respond.headers) reply.headers(respond.headers);
  let body = respond.body;
  if (body === undefined && respond.status >= 400 && isGraphPath(request.url)) {
    const clientRequestId = request.headers['client-request-id'];
    body = defaultGraphFaultBody(respond.status, typeof clientRequestId === 'string' ? clientRequestId : undefined);
  }
  if (body === undefined) {
    reply.send();
  } else if (typeof body === 'string') {
    if (!respond.headers || !Object.keys(respond.headers).some((h) => h.toLowerCase() === 'content-type')) {
      reply.type(isEwsPath(request.url) ? 'text/xml; charset=utf-8' : 'text/plain; charset=utf-8');
    }
    reply.send(body);
  } else {
    reply.send(body);
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
