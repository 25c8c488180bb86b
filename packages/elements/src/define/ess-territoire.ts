import { define } from '../internal/define.ts';
import { EssTerritoire } from '../territoire/ess-territoire.ts';

define('ess-territoire', EssTerritoire);
export { EssTerritoire };
