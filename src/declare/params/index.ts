// Where an argument goes: Path, Query, Body, Form and Header, in `params` or on parameters.
export { Body, Form, Header, isParamDeclaration, Path, Query } from './factories';
export { parameterSpecsOf } from './parameter-table';
export type {
  BodyParamOptions,
  ParamConverter,
  ParamDeclaration,
  ParamLocation,
  ParamOptions,
  ParamSpec,
} from './types';
