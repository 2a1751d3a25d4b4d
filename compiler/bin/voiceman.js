#!/usr/bin/env node
// compile and lint only (the `voiceman` bin of the repository is @voiceman/cli, which adds test).
import { launch } from './launch.mjs';

await launch(new URL('../src/cli-main.ts', import.meta.url), new URL('../dist/cli-main.js', import.meta.url));
