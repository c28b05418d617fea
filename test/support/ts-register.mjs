// `node --import ./test/support/ts-register.mjs file.ts`: installs ts-loader.mjs (see there).
import { register } from 'node:module';

register('./ts-loader.mjs', import.meta.url);
