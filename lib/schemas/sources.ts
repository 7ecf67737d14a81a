import * as z from 'zod';
import { Id, Name } from './common';

/** Body of `POST /sources/`. */
export const SourceInput = z.object({ name: Name });
export type SourceInput = z.infer<typeof SourceInput>;

export const Source = z.object({ id: Id, name: z.string() });
export type Source = z.infer<typeof Source>;
