// The declared-call layer: dequest's sync_client/async_client and API classes by decorators.
export { syncClient } from './sync-client';
export { asyncClient } from './async-client';
export { HttpMethod } from './http-method';
export type { HttpMethodName } from './http-method';
export { ApiClient } from './api-client';
export { Get, Post, Put, Patch, Delete } from './http-decorators';
export { Path, Query, Body, Form, Header } from './params';
export type {
  BodyParamOptions,
  ParamConverter,
  ParamDeclaration,
  ParamLocation,
  ParamOptions,
} from './params';
export { declared } from './declared';
export type {
  ApiClientOptions,
  ArgumentName,
  AsyncClientOptions,
  ClientSource,
  DeclarationLogger,
  DeclarationOptions,
  DtoClass,
  MethodOptions,
  ResponseConsumer,
  SyncClientOptions,
  TransportOptions,
} from './options';
export type { ApiClientDecorator, AsyncDecorator, DeclaredFunction, SyncDecorator } from './types';
