#!/usr/bin/env node
// The `mx-sim` command: the compiled entry point, plain node. In a checkout `npm run build` (run by
// `npm ci`'s prepare) writes it; the package ships it built.
await import('../dist/bin/mx-sim.js');
