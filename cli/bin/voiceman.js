#!/usr/bin/env node
// The `voiceman` bin: sources through tsx in the repository, dist/ when published (launch.mjs).
import { launch } from '@voiceman/compiler/bin/launch.mjs';

await launch(new URL('../src/main.ts', import.meta.url), new URL('../dist/main.js', import.meta.url));
