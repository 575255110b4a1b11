import { XMLParser } from 'fast-xml-parser';
import type { ConnectionCode } from './connection-codes.ts';

/**
 * The credential half of the connection test for Exchange Server with Basic authentication (MB-3): one
 * authenticated `GetFolder` of the mailbox root over EWS. Not a sync adapter — it proves the user name and
 * password and that a mailbox answers, and reads the answer's ResponseCode
 * (learn.microsoft.com: exchange-web-services/getfolder-operation, responsecode).
 */

const SOAP_BODY = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
  xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"
  xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
  <soap:Header><t:RequestServerVersion Version="Exchange2013_SP1"/></soap:Header>
  <soap:Body>
    <m:GetFolder>
      <m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>
      <m:FolderIds><t:DistinguishedFolderId Id="msgfolderroot"/></m:FolderIds>
    </m:GetFolder>
  </soap:Body>
</soap:Envelope>`;

/** Entities are never expanded, so a hostile server cannot make the parser fetch or inflate anything. */
const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, processEntities: false });

export interface EwsCheckInput {
  /** `https://host[:port]/EWS/Exchange.asmx` (http only to loopback in explicit dev/test configuration). */
  url: string;
  login: string;
  password: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The connection code for one authenticated EWS call. */
export async function checkEwsCredentials(input: EwsCheckInput): Promise<ConnectionCode> {
  const doFetch = input.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(input.url, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        // EWS dispatches on SOAPAction; some servers refuse a request without it.
        soapaction: '"http://schemas.microsoft.com/exchange/services/2006/messages/GetFolder"',
        authorization: `Basic ${Buffer.from(`${input.login}:${input.password}`, 'utf8').toString('base64')}`,
      },
      body: SOAP_BODY,
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs ?? 15_000),
    });
  } catch {
    return 'unreachable';
  }
  if (res.status === 401) return 'wrongPassword';
  if (res.status === 403) return 'insufficientScopes';
  if (res.status === 429 || res.status === 503) return 'throttled';
  const text = await res.text();
  const code = responseCodeOf(text);
  if (res.ok && code === 'NoError') return 'ok';
  if (code === 'ErrorNonExistentMailbox' || code === 'ErrorMailboxStoreUnavailable') return 'mailboxNotFound';
  if (code === 'ErrorServerBusy') return 'throttled';
  if (code === 'ErrorAccessDenied') return 'insufficientScopes';
  return 'unreachable';
}

/** The first ResponseCode in a SOAP answer (a fault's code otherwise), if the body is EWS XML. */
function responseCodeOf(xml: string): string | undefined {
  try {
    const found = findKey(parser.parse(xml), 'ResponseCode');
    return typeof found === 'string' ? found : undefined;
  } catch {
    return undefined;
  }
}

function findKey(node: unknown, key: string): unknown {
  if (!node || typeof node !== 'object') return undefined;
  for (const [k, v] of Object.entries(node)) {
    if (k === key) return v;
    const inner = findKey(v, key);
    if (inner !== undefined) return inner;
  }
  return undefined;
}
