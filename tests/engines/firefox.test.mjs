// The cross-engine flows (flows.mjs) in Firefox.
import { flows } from './flows.mjs';

flows('firefox');
