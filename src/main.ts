import { mount } from 'svelte';
import App from './App.svelte';
// the CJK font, bundled (split by unicode range, loaded on demand): offline, and the same in every print
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
export default mount(App, { target });
