import { define } from '../internal/define.ts';
import { EssOrientation } from '../orientation/ess-orientation.ts';

define('ess-orientation', EssOrientation);
export { EssOrientation };
