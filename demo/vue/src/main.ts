import { createApp } from 'vue';
import App from './App.vue';

createApp(App, { feed: new URL('/data/feed/manifest.json', document.baseURI).href }).mount('#app');
