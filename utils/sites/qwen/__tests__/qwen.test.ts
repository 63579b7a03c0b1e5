// @vitest-environment happy-dom
import { describeSite } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);
