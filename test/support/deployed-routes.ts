import { functions } from '../../serverless';

/** An HTTP route as `serverless.ts` deploys it: its function, handler module and whether the key authorizer guards it. */
export interface DeployedRoute {
  name: string;
  method: string;
  path: string;
  /** The handler's module, relative to the repository (`functions/operators/create`). */
  module: string;
  keyed: boolean;
}

/** Every HTTP route the deployment has (`*` as `ANY /{proxy+}`, as API Gateway names it). */
export const DEPLOYED_ROUTES: DeployedRoute[] = Object.entries(functions).flatMap(([name, fn]) =>
  (fn.events ?? []).flatMap((event) => {
    if (!('httpApi' in event)) return [];
    const { httpApi } = event;
    const [method, path] =
      typeof httpApi === 'string' ? (httpApi === '*' ? ['ANY', '/{proxy+}'] : httpApi.split(' ')) : [httpApi.method, httpApi.path];
    const keyed = typeof httpApi === 'object' && httpApi.authorizer !== undefined;
    return [{ name, method: method!, path: path!, module: fn.handler.replace(/\.handler$/, ''), keyed }];
  }),
);
