// Make the built page work under a strict Content-Security-Policy.
//
// Trunk writes its loader (`import init ... await init(...)`) as an inline module script,
// which a policy without 'unsafe-inline' blocks. This moves every inline <script> of
// index.html into its own file (named by its hash, with an `integrity` attribute) and puts
// the policy itself in a <meta> element at the top of <head>, so the page enforces it on
// any static host. Hosts that set headers should send the same policy as a header (see
// the README's "Content-Security-Policy" section); `frame-ancestors` only works there.
//
// Run from postbuild.mjs.
import crypto from 'node:crypto';

export const POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** The page with its inline scripts moved out: `{ html, files: [[name, text]] }`. */
export function externalise(html, publicUrl) {
  const files = [];
  const out = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi, (whole, attrs, body) => {
    if (/\bsrc\s*=/i.test(attrs) || body.trim() === '') return whole;
    const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 16);
    const name = `boot-${hash}.js`;
    const integrity = 'sha384-' + crypto.createHash('sha384').update(body).digest('base64');
    files.push([name, body]);
    return `<script${attrs} src="${publicUrl}${name}" integrity="${integrity}"></script>`;
  });
  const meta = `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`;
  if (out.includes('http-equiv="Content-Security-Policy"')) return { html: out, files };
  const withMeta = out.replace(/(<meta charset=[^>]*>)/i, `$1${meta}`);
  if (withMeta === out) throw new Error('csp.mjs: no <meta charset> in index.html to put the policy after');
  return { html: withMeta, files };
}

/** True if `html` still has a script with a body (an inline script). */
export function hasInlineScript(html) {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .some(([, attrs, body]) => !/\bsrc\s*=/i.test(attrs) && body.trim() !== '');
}
