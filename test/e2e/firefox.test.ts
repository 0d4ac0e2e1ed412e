import { describe } from 'vitest';
import { describeExtension } from './scenarios.ts';
import { launchFirefox } from './support/firefox.ts';

describe('Firefox ESR', () => describeExtension(launchFirefox));
