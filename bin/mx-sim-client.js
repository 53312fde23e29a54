#!/usr/bin/env node
// The `mx-sim-client` command (flow, contract, …): the compiled entry point, plain node. In a checkout
// `npm run build` (run by `npm ci`'s prepare) writes it; the package ships it built.
await import('../dist/bin/mx-sim-client.js');
