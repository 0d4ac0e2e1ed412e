import { describe } from 'vitest';
import { describeExtension } from './scenarios.ts';
import { launchChromium } from './support/chromium.ts';

describe('Chromium', () => describeExtension(launchChromium));
