import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import 'mantine-datatable/styles.css';
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { type CSSVariablesResolver, MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { Provider } from 'urql';
import { BrowserRouter } from 'react-router-dom';
import { createClient } from './client';
import { sessionEpoch } from './auth/session';
import { useSession } from './auth/useSession';
import { App } from './App';

/** Colours at WCAG AA contrast (4.5:1), checked by axe-core in the Chromium run. Mantine's
 * light, subtle and outline variants write text in shade 6 on a tint and its filled ones put
 * white on shade 6-8: teal, orange or red come out near 3:1. Here text on a tint uses the
 * colour's darkest shade, or a dark neutral for the colours whose darkest shade is still pale
 * against their own tint; filled backgrounds use shade 9, with black text where white fails;
 * "dimmed" text and placeholders are gray 7; errors at fields are red 9. */
const PALE_TEXT = new Set(['yellow', 'lime', 'teal', 'green', 'cyan', 'orange']);
const BLACK_ON_FILLED = new Set(['yellow', 'lime', 'orange']);
const contrast: CSSVariablesResolver = (theme) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    // A field's error and the text of a field in error (red 6 is 3.3:1 on white).
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  };
  for (const color of Object.keys(theme.colors)) {
    const text = PALE_TEXT.has(color) ? 'var(--mantine-color-dark-7)' : `var(--mantine-color-${color}-9)`;
    light[`--mantine-color-${color}-light`] = `var(--mantine-color-${color}-0)`;
    light[`--mantine-color-${color}-light-hover`] = `var(--mantine-color-${color}-1)`;
    light[`--mantine-color-${color}-light-color`] = text;
    light[`--mantine-color-${color}-outline`] = text;
    light[`--mantine-color-${color}-text`] = text;
    light[`--mantine-color-${color}-filled`] = `var(--mantine-color-${color}-9)`;
    light[`--mantine-color-${color}-filled-hover`] = `var(--mantine-color-${color}-8)`;
    if (BLACK_ON_FILLED.has(color)) light[`--mantine-color-${color}-contrast`] = 'var(--mantine-color-black)';
  }
  return { variables: {}, light, dark: {} };
};

const theme = createTheme({
  autoContrast: true,
  primaryColor: 'indigo',
  // Shade 8 and a darker "dimmed" keep text, links and filled buttons at WCAG AA contrast
  // (4.5:1) on white; Mantine's defaults (shade 6, gray 6) fall short.
  primaryShade: { light: 8, dark: 6 },
  defaultRadius: 'sm',
  // A darker orange for a "high" rating badge: with autoContrast a filled orange badge gets white
  // text, which Mantine's orange 9 carries at 4.3:1 only; this one's shade 9 carries it at 7:1.
  colors: {
    rust: ['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#f76707', '#e8590c', '#c2410c', '#9a3412'],
  },
  // Every close button says what it does, for screen readers.
  components: {
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } },
      styles: { description: { color: 'var(--mantine-color-gray-7)' } },
    },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    // The remove button of a chosen value in a MultiSelect or TagsInput.
    Pill: { defaultProps: { removeButtonProps: { 'aria-label': 'Remove' } } },
  },
});

/** A fresh GraphQL client (and cache) for every sign-in, so that nothing one session loaded
 * shows in the next. */
function GraphqlProvider({ children }: { children: React.ReactNode }) {
  useSession();
  const epoch = sessionEpoch();
  // The epoch is the reason for a new client, not an input to it.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const client = useMemo(() => createClient(), [epoch]);
  return <Provider value={client}>{children}</Provider>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={contrast}>
      <Notifications />
      <GraphqlProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </GraphqlProvider>
    </MantineProvider>
  </StrictMode>,
);
