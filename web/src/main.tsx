import { render } from 'preact';
import { createApiClient } from './api/client';
import './styles.css';
import { App, readApiKey } from './views/App';

// The key lives in the closure the client reads on every request, so a new key applies at once.
let apiKey = readApiKey();
const api = createApiClient({ baseUrl: document.baseURI, apiKey: () => apiKey });

render(<App api={api} apiKey={apiKey} onApiKey={(key) => (apiKey = key)} />, document.getElementById('app')!);
