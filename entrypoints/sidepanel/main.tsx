import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from '@/components/AppShell';
import { Sidebar } from '@/components/sidebar/Sidebar';
import '@/components/theme.css';

const root = document.getElementById('root');
if (!root) throw new Error('sidepanel.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppShell>
      <Sidebar host="panel" />
    </AppShell>
  </StrictMode>,
);
