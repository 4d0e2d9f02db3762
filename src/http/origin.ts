import { ABSOLUTE_URL } from './syntax';

/**
 * The origin (`https://api.example.com:8443`) of an absolute http(s) URL, or `undefined` when
 * the URL names none: relative or protocol-relative (Node has no page to be relative to),
 * another scheme, or malformed. Credentials are decided per origin, so every layer asks here.
 */
export function originOf(url: string): string | undefined {
  // `http:example.com` parses as a URL, but axios joins it to the baseURL: it names no origin.
  if (!ABSOLUTE_URL.test(url) || url.startsWith('//')) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
