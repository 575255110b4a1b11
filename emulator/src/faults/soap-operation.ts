/**
 * The EWS operation of a SOAP request: the last segment of `SOAPAction`
 * (`"http://schemas.microsoft.com/exchange/services/2006/messages/SyncFolderItems"`), else the local name of the
 * first child of `soap:Body`. Clients differ: DavMail sends no SOAPAction (reference/toolchain.md).
 */
export function operationFromSoapAction(header: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim().replace(/^"|"$/g, '');
  if (!value) return undefined;
  const name = value.slice(value.lastIndexOf('/') + 1);
  return name || undefined;
}

const FIRST_BODY_CHILD = /<(?:[\w.-]+:)?Body\b[^>]*>(?:\s|<!--[\s\S]*?-->)*<(?:[\w.-]+:)?([\w.-]+)/;

export function operationFromSoapBody(xml: string): string | undefined {
  return xml.match(FIRST_BODY_CHILD)?.[1];
}
