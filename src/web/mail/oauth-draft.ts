import { oauthUrls } from '../api/mail.api.ts';

/** What the last sign-in was for, so the result page can offer «try again» without asking again. */
export type OAuthDraft = { email: string; mailServiceId: string } | { mailboxId: string; email?: string };

const KEY = 'tandem.oauthDraft';

/** Leaves for the identity provider (a full-page navigation; the server answers 302, OA-1). */
export function startOAuth(draft: OAuthDraft): void {
  try {
    globalThis.sessionStorage?.setItem(KEY, JSON.stringify(draft));
  } catch {
    // Private mode without storage: «try again» then starts from the dialog.
  }
  const url =
    'mailboxId' in draft
      ? oauthUrls.signInAgain(draft.mailboxId)
      : oauthUrls.newMailbox(draft.email, draft.mailServiceId);
  window.location.assign(url);
}

/** The draft of the last sign-in started in this tab, if any. */
export function lastOAuthDraft(): OAuthDraft | null {
  try {
    const text = globalThis.sessionStorage?.getItem(KEY);
    const value = text ? (JSON.parse(text) as unknown) : null;
    if (
      value &&
      typeof value === 'object' &&
      ('mailboxId' in value || ('email' in value && 'mailServiceId' in value))
    ) {
      return value as OAuthDraft;
    }
  } catch {
    // Unreadable storage: no draft.
  }
  return null;
}
