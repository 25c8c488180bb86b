import { EssFeed } from '../feed/ess-feed.ts';
import { define } from '../internal/define.ts';

define('ess-feed', EssFeed);
export { EssFeed };
