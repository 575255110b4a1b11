/** URL families the hooks tell apart (paths compared case-insensitively: Exchange clients lower-case `/ews/`). */

export function isControlPath(url: string): boolean {
  return url.startsWith('/_emulator/') || url === '/_emulator';
}

export function isGraphPath(url: string): boolean {
  return /^\/v1\.0(\/|\?|$)/i.test(url);
}

export function isEwsPath(url: string): boolean {
  return /^\/ews(\/|\?|$)/i.test(url);
}
