#!/usr/bin/env node
// The `mx-sim` command: the compiled entry point (`npm run build`, run by `npm ci`'s prepare), plain node.
await import('../dist/bin/mx-sim.js');
