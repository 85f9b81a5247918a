import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** Calm navy-teal used for the primary colour; shades 7–9 pass WCAG AA on white. */
const simpul: MantineColorsTuple = [
  '#e9f3f8',
  '#d3e5ef',
  '#a6cadf',
  '#76adce',
  '#4f94bf',
  '#3684b5',
  '#267aaf',
  '#16679a',
  '#0a5a89',
  '#004a73',
];

export const theme = createTheme({
  primaryColor: 'simpul',
  primaryShade: { light: 8, dark: 5 },
  colors: { simpul },
  autoContrast: true,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: {
    fontFamily:
      'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
    fontWeight: '700',
  },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
});
