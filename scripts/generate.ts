// Writes the generated files (`npm run openapi`).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateArtifacts } from './artifacts.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (const artifact of await generateArtifacts()) {
  const target = resolve(root, artifact.path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, artifact.content);
  console.log(`wrote ${artifact.path}`);
}
