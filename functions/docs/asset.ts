import { docsAsset } from '../../lib/docs/assets';
import { endpoint } from '../../lib/http/endpoint';
import { file } from '../../lib/http/responses';
import { AssetPath } from '../../lib/schemas/docs';

/** GET /docs/assets/{file} */
export const handler = endpoint({ pathParams: AssetPath }, async ({ path }) => {
  const asset = docsAsset(path.file);
  return file(asset.body, asset.contentType, 86_400);
});
