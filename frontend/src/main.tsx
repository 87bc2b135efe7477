import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import 'mantine-datatable/styles.css';
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { Provider } from 'urql';
import { BrowserRouter } from 'react-router-dom';
import { createClient } from './client';
import { sessionEpoch } from './auth/session';
import { useSession } from './auth/useSession';
import { App } from './App';

const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  // Every close button says what it does, for screen readers.
  components: {
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
  },
});

/** A fresh GraphQL client (and cache) for every sign-in, so that nothing one session loaded
 * shows in the next. */
function GraphqlProvider({ children }: { children: React.ReactNode }) {
  useSession();
  const epoch = sessionEpoch();
  const client = useMemo(() => createClient(), [epoch]);
  return <Provider value={client}>{children}</Provider>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <Notifications />
      <GraphqlProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </GraphqlProvider>
    </MantineProvider>
  </StrictMode>,
);
