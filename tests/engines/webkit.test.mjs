// The cross-engine flows (flows.mjs) in WebKit.
import { flows } from './flows.mjs';

flows('webkit');
