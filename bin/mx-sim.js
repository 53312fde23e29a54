#!/usr/bin/env node
// The `mx-sim` command: runs the TypeScript entry point through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/main.ts');
