import { EssDirectory } from '../directory/ess-directory.ts';
import { define } from '../internal/define.ts';

define('ess-directory', EssDirectory);
export { EssDirectory };
