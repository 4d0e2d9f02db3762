// RFC 6749 Appendix B: the token request is application/x-www-form-urlencoded, in UTF-8, and
// §2.3.1: HTTP Basic client authentication encodes the client id and secret that same way
// *before* base64, so ':' '%' '+' and non-ASCII survive (many clients skip this step).

/** One value, form-urlencoded (space as '+'). */
const formEncode = (value: string): string =>
  new URLSearchParams([['', value]]).toString().slice(1);

/** The request body. */
export const formBody = (params: readonly (readonly [string, string])[]): string =>
  new URLSearchParams(params as [string, string][]).toString();

/** `Basic base64(urlencode(id) ":" urlencode(secret))`: ASCII by then, so btoa is enough. */
export const basicAuthorization = (clientId: string, clientSecret: string): string =>
  `Basic ${btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`)}`;
