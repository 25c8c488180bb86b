import { EssAgenda } from '../agenda/ess-agenda.ts';
import { define } from '../internal/define.ts';

define('ess-agenda', EssAgenda);
export { EssAgenda };
