import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from '@/components/AppShell';
import { DashboardPage } from '@/components/dashboard/DashboardPage';
import '@/components/theme.css';

const root = document.getElementById('root');
if (!root) throw new Error('dashboard.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppShell>
      <DashboardPage />
    </AppShell>
  </StrictMode>,
);
