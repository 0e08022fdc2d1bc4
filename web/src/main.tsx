import { render } from 'preact';
import { App } from './app.tsx';
import './styles.css';

const root = document.getElementById('app')!;
root.replaceChildren(); // the "Loading Landfall…" placeholder from index.html
render(<App />, root);
