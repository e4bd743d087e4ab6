import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from '@/components/AppShell';
import { Popup } from '@/components/popup/Popup';
import '@/components/theme.css';

const root = document.getElementById('root');
if (!root) throw new Error('popup.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppShell>
      <Popup />
    </AppShell>
  </StrictMode>,
);
