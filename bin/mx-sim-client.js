#!/usr/bin/env node
// The `mx-sim-client` command (flow, contract, …): the compiled entry point (`npm run build`, run by
// `npm ci`'s prepare), plain node.
await import('../dist/bin/mx-sim-client.js');
