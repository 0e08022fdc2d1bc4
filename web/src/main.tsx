import { render } from 'preact';
import { App } from './app.tsx';
import { startI18n } from './i18n/i18n.ts';
import './styles.css';

const root = document.getElementById('app')!;
// Chinese, when chosen, loads its first-page messages before the first render (English ships with the page).
void startI18n().then(() => {
  root.replaceChildren(); // the "Loading Landfall…" placeholder from index.html
  render(<App />, root);
});
