import { lookup } from 'node:dns/promises';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { fromNetworkError } from '../../connectors/network-errors.ts';

/**
 * Can a server be reached at all? Resolves the name, opens a TCP connection and, for implicit-TLS ports, completes
 * the TLS handshake with certificate and host-name verification — the first three things that go wrong when a
 * mailbox is set up (MB-3). It checks no credentials: that needs the protocol connector.
 */

export type ProbeFailure = 'unknownHost' | 'unreachable' | 'tlsFailure';

export type ProbeResult = { ok: true } | { ok: false; failure: ProbeFailure; detail: string };

export interface ProbeTarget {
  host: string;
  port: number;
  /** Implicit TLS (https, IMAPS, SMTPS): the handshake is part of the probe. */
  tls: boolean;
  timeoutMs?: number;
}

function failureOf(err: unknown, host: string): ProbeResult {
  const translated = fromNetworkError(err, host);
  const detail = translated?.detail ?? String((err as Error)?.message ?? err);
  if (translated?.kind === 'TLS') return { ok: false, failure: 'tlsFailure', detail };
  if (translated?.reason === 'unknownHost') return { ok: false, failure: 'unknownHost', detail };
  return { ok: false, failure: 'unreachable', detail };
}

/** Opens (and closes) one connection to the target. */
export async function probeEndpoint(target: ProbeTarget): Promise<ProbeResult> {
  const timeoutMs = target.timeoutMs ?? 10_000;
  const host = target.host.replace(/^\[|\]$/g, '');
  try {
    await lookup(host);
  } catch (err) {
    return failureOf(err, host);
  }
  return new Promise<ProbeResult>((resolve) => {
    let socket: Socket;
    const done = (result: ProbeResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => done({ ok: false, failure: 'unreachable', detail: `${host}:${target.port} did not answer in time` }),
      timeoutMs,
    );
    if (target.tls) {
      // servername enables SNI and the certificate's host-name check; an IP address cannot be an SNI name.
      const isName = !/^[\d.]+$/.test(host) && !host.includes(':');
      socket = tlsConnect({ host, port: target.port, ...(isName && { servername: host }), rejectUnauthorized: true });
      socket.once('secureConnect', () => done({ ok: true }));
    } else {
      socket = netConnect({ host, port: target.port });
      socket.once('connect', () => done({ ok: true }));
    }
    socket.once('error', (err) => done(failureOf(err, host)));
  });
}
