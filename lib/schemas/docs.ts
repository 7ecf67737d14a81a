import * as z from 'zod';
import { ASSET_NAMES } from '../docs/assets';

export const AssetPath = z.object({ file: z.enum(ASSET_NAMES as [string, ...string[]]) });
