// The cross-engine flows (flows.mjs) in Chromium.
import { flows } from './flows.mjs';

flows('chromium');
