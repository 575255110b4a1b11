/**
 * HTML of the sign-in, consent and error pages. Element ids follow Entra's pages (i0116 email, i0118 password,
 * idSIButton9 submit, idBtn_Accept / idBtn_Back on consent) so browser tests written against either work.
 */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
label{display:block;margin:.8rem 0 .2rem}input[type=email],input[type=password]{width:100%;padding:.4rem}
.error{color:#a80000}button{margin:.8rem .4rem 0 0;padding:.4rem 1rem}</style></head>
<body><p><strong>Microsoft 365 emulator</strong></p>${body}</body></html>`;
}

export interface SignInPageInput {
  action: string;
  ctx: string;
  appName: string;
  email?: string;
  error?: string;
}

/** The sign-in form: email and password; errors show above the form. */
export function signInPage(input: SignInPageInput): string {
  const error = input.error ? `<p class="error" id="usernameError" role="alert">${escapeHtml(input.error)}</p>` : '';
  return page(
    'Sign in to your account',
    `<h1>Sign in</h1><p>to continue to <span id="appName">${escapeHtml(input.appName)}</span></p>${error}
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="ctx" value="${escapeHtml(input.ctx)}">
<label for="i0116">Email</label><input type="email" id="i0116" name="login" value="${escapeHtml(input.email ?? '')}" required autofocus>
<label for="i0118">Password</label><input type="password" id="i0118" name="passwd" required>
<button type="submit" id="idSIButton9">Sign in</button>
</form>`,
  );
}

export interface ConsentPageInput {
  action: string;
  ctx: string;
  appName: string;
  userEmail: string;
  scopes: string[];
}

/** The consent prompt: the app, the account and every permission asked for; Accept or Cancel. */
export function consentPage(input: ConsentPageInput): string {
  const items = input.scopes.map(
    (s) => `<li data-scope="${escapeHtml(s)}">${escapeHtml(describeScope(s))} <code>${escapeHtml(s)}</code></li>`,
  );
  return page(
    'Permissions requested',
    `<h1>Permissions requested</h1><p><strong id="appName">${escapeHtml(input.appName)}</strong> wants to access
<span id="userEmail">${escapeHtml(input.userEmail)}</span>. This app would like to:</p>
<ul id="scopes">${items.join('')}</ul>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="ctx" value="${escapeHtml(input.ctx)}">
<button type="submit" name="decision" value="accept" id="idBtn_Accept">Accept</button>
<button type="submit" name="decision" value="cancel" id="idBtn_Back">Cancel</button>
</form>`,
  );
}

/** An error that cannot go back to the app (unknown client, unregistered redirect URI, unknown tenant). */
export function errorPage(description: string): string {
  return page(
    'Sign in error',
    `<h1>Sorry, but we're having trouble signing you in.</h1><p class="error" id="errorDescription">${escapeHtml(description)}</p>`,
  );
}

/** `response_mode=form_post`: an auto-submitting form that POSTs the result to the redirect URI. */
export function formPostPage(redirectUri: string, params: Record<string, string>): string {
  const inputs = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  return `<!DOCTYPE html><html><head><title>Working...</title></head><body onload="document.forms[0].submit()">
<form method="post" action="${escapeHtml(redirectUri)}">${inputs}<noscript><button type="submit">Continue</button></noscript></form></body></html>`;
}

const DESCRIPTIONS: Record<string, string> = {
  openid: 'Sign you in',
  profile: 'View your basic profile',
  email: 'View your email address',
  offline_access: 'Maintain access to data you have given it access to',
  'User.Read': 'Sign you in and read your profile',
  'Mail.Read': 'Read your mail',
  'Mail.ReadWrite': 'Read and write access to your mail',
  'Mail.Send': 'Send mail as you',
  'Contacts.ReadWrite': 'Have full access to your contacts',
  'Calendars.ReadWrite': 'Have full access to your calendars',
  'Tasks.ReadWrite': 'Create, read, update, and delete your tasks and task lists',
  'EWS.AccessAsUser.All': 'Access your mailboxes',
};

function describeScope(scope: string): string {
  const name = scope.slice(scope.lastIndexOf('/') + 1);
  return DESCRIPTIONS[name] ?? DESCRIPTIONS[scope] ?? name;
}
