import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app';
import { applyTheme, followSystemTheme } from '@/lib/theme';
import '@/styles/index.css';

applyTheme();
followSystemTheme();

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element to render the dashboard into.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
