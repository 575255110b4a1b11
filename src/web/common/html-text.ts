/**
 * Activity notes are HTML from the server or a mailbox. The UI never injects it: it shows the
 * text content only. DOMParser builds an inert document (scripts do not run, images do not load),
 * so reading textContent from it is safe.
 */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // Code and styling are not part of what a person reads.
  for (const hidden of Array.from(doc.querySelectorAll('script, style, template, noscript, head'))) hidden.remove();
  for (const br of Array.from(doc.querySelectorAll('br'))) br.replaceWith('\n');
  for (const block of Array.from(doc.querySelectorAll('p, div, li, tr, h1, h2, h3, h4, h5, h6'))) {
    block.append('\n');
  }
  return (doc.body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text typed in the UI → simple HTML paragraphs for the notes field. */
export function textToHtml(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  return trimmed
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
