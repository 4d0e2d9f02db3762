// What Node's http objects keep of a request as it was sent: the header block (`_header`), the
// header map (Symbol(kOutHeaders)), the path with its query, follow-redirects' options and URLs.
// A stream response (`responseType: 'stream'`) is the IncomingMessage itself, whose `req` and
// `socket` lead to all of it. No axios import, so that any layer may use it.
import { INSPECT } from './scrub-config';

// Each kind of object, recognised by two own properties only it has, and what it must not print.
const SHAPES: readonly { readonly marks: readonly string[]; readonly hide: readonly string[] }[] = [
  // http.IncomingMessage (and follow-redirects' additions to it)
  { marks: ['req', 'rawHeaders'], hide: ['req', 'socket', 'responseUrl', 'redirects'] },
  // http.ClientRequest
  {
    marks: ['_header', 'outputData'],
    hide: ['_header', 'kOutHeaders', 'path', 'socket', 'agent', '_redirectable', 'outputData'],
  },
  // follow-redirects' RedirectableRequest (what axios's http adapter gives as error.request)
  {
    marks: ['_options', '_currentRequest'],
    hide: ['_options', '_currentUrl', '_currentRequest', '_requestBodyBuffers', '_redirects'],
  },
];

// What each of them leads to, concealed in turn.
const LINKS = ['req', 'res', '_redirectable', '_currentRequest'];

const concealed = new WeakSet();

const own = (holder: object, name: string): boolean =>
  Object.prototype.hasOwnProperty.call(holder, name);

// A symbol is found by its description: Node does not export kOutHeaders.
function ownKey(holder: object, name: string): string | symbol | undefined {
  if (own(holder, name)) return name;
  return Object.getOwnPropertySymbols(holder).find((key) => key.description === name);
}

/**
 * Makes a request object as Node sent it, or a stream response that leads to one, print no
 * credential: the properties that hold the sent headers, path and URLs (and the links to the
 * socket and agent, which lead to the request again) become non-enumerable accessors. They stay
 * readable and writable, so Node, follow-redirects and the caller work as before; util.inspect,
 * even with `showHidden`, prints an accessor as `[Getter/Setter]` without calling it. In place,
 * once per object; anything else is left alone.
 *
 * @example
 * ```ts
 * concealSentRequest(response.data); // a stream response: its `req` no longer prints
 * ```
 */
export function concealSentRequest(value: unknown): void {
  // Called on every response's data: a parsed body is neither an emitter nor a Request, and
  // leaves at the first two checks.
  if (typeof value !== 'object' || value === null) return;
  if (!('_events' in value)) {
    if ('clone' in value && Object.prototype.toString.call(value) === '[object Request]')
      concealFetchRequest(value as Request);
    return;
  }
  if (concealed.has(value)) return;
  const shape = SHAPES.find(({ marks }) => marks.every((mark) => own(value, mark)));
  if (shape === undefined) return;
  concealed.add(value);
  const links = LINKS.filter((name) => own(value, name)).map(
    (name) => (value as Record<string, unknown>)[name],
  );
  for (const name of shape.hide) {
    const key = ownKey(value, name);
    if (key !== undefined) hide(value, key);
  }
  links.forEach(concealSentRequest);
}

function hide(holder: object, key: string | symbol): void {
  const descriptor = Object.getOwnPropertyDescriptor(holder, key);
  if (descriptor === undefined || !descriptor.configurable || !('value' in descriptor)) return;
  let current: unknown = descriptor.value;
  Object.defineProperty(holder, key, {
    get: () => current,
    set: (next: unknown) => {
      current = next;
    },
    enumerable: false,
    configurable: true,
  });
}

// A fetch Request keeps its headers where no property can hide them, and prints them: it prints
// as its method and URL without the query instead.
function concealFetchRequest(request: Request): void {
  if (concealed.has(request)) return;
  concealed.add(request);
  const { method, url } = request;
  const bare = url.split(/[?#]/)[0];
  Object.defineProperty(request, INSPECT, {
    value: () => `Request { method: '${method}', url: '${bare}' }`,
    enumerable: false,
    configurable: true,
  });
}
