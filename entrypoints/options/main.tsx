import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from '@/components/AppShell';
import { OptionsPage } from '@/components/options/OptionsPage';
import '@/components/theme.css';

const root = document.getElementById('root');
if (!root) throw new Error('options.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppShell>
      <OptionsPage />
    </AppShell>
  </StrictMode>,
);
