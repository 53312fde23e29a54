// The API versions the simulator serves, each a layer over the same routes and state.
import type { VersionLayer } from './layer.js';
import { v20111101 } from './v20111101.js';
import { v20250224 } from './v20250224.js';

export const LAYERS: readonly VersionLayer[] = [v20250224, v20111101];
