import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from '@/components/AppShell';
import { BoardPage } from '@/components/board/BoardPage';
import '@/components/theme.css';

const root = document.getElementById('root');
if (!root) throw new Error('board.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppShell>
      <BoardPage />
    </AppShell>
  </StrictMode>,
);
