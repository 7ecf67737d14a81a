import { render } from 'preact';
import { createApiClient } from './api/client';
import { readApiKey } from './state/api-key';
import './styles.css';
import { App } from './views/App';

const api = createApiClient({ baseUrl: document.baseURI, apiKey: readApiKey });

render(<App api={api} />, document.getElementById('app')!);
