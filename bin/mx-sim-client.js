#!/usr/bin/env node
// The `mx-sim-client` command (flow, contract, …): runs the TypeScript entry point through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/client/cli.ts');
