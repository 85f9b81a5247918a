import type { ReactNode, SVGProps } from 'react';

type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number };

/** Decorative 24×24 stroke icon; always hidden from assistive technology. */
function StrokeIcon({ size = 24, children, ...rest }: IconProps & { children: ReactNode }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      {children}
    </svg>
  );
}

export function CodeIcon(props: IconProps) {
  return (
    <StrokeIcon {...props}>
      <path d="M8.5 7 3.5 12l5 5" />
      <path d="m15.5 7 5 5-5 5" />
      <path d="m13.5 4.5-3 15" />
    </StrokeIcon>
  );
}

export function DatabaseIcon(props: IconProps) {
  return (
    <StrokeIcon {...props}>
      <ellipse cx="12" cy="5.5" rx="7.5" ry="2.75" />
      <path d="M4.5 5.5v6.25c0 1.52 3.36 2.75 7.5 2.75s7.5-1.23 7.5-2.75V5.5" />
      <path d="M4.5 11.75v6.5c0 1.52 3.36 2.75 7.5 2.75s7.5-1.23 7.5-2.75v-6.5" />
    </StrokeIcon>
  );
}

export function MessageIcon(props: IconProps) {
  return (
    <StrokeIcon {...props}>
      <path d="M4 5.5A1.5 1.5 0 0 1 5.5 4h13A1.5 1.5 0 0 1 20 5.5v9a1.5 1.5 0 0 1-1.5 1.5H10l-4.5 4v-4h0A1.5 1.5 0 0 1 4 14.5z" />
      <path d="M8 8.5h8" />
      <path d="M8 12h5" />
    </StrokeIcon>
  );
}

export function BuildingIcon(props: IconProps) {
  return (
    <StrokeIcon {...props}>
      <path d="M3 20.5h18" />
      <path d="M4.5 9 12 4l7.5 5" />
      <path d="M6 10v8" />
      <path d="M10 10v8" />
      <path d="M14 10v8" />
      <path d="M18 10v8" />
    </StrokeIcon>
  );
}

export function LoginIcon(props: IconProps) {
  return (
    <StrokeIcon {...props}>
      <path d="M14 4h4.5A1.5 1.5 0 0 1 20 5.5v13a1.5 1.5 0 0 1-1.5 1.5H14" />
      <path d="M10 16.5 14.5 12 10 7.5" />
      <path d="M14.5 12H4" />
    </StrokeIcon>
  );
}

export function LinkIcon(props: IconProps) {
  return (
    <StrokeIcon {...props}>
      <path d="M10 14a4 4 0 0 0 5.66 0l3.17-3.17a4 4 0 0 0-5.66-5.66L12 6.34" />
      <path d="M14 10a4 4 0 0 0-5.66 0l-3.17 3.17a4 4 0 0 0 5.66 5.66L12 17.66" />
    </StrokeIcon>
  );
}

export function ArrowRightIcon(props: IconProps) {
  return (
    <StrokeIcon {...props}>
      <path d="M5 12h14" />
      <path d="m13 6 6 6-6 6" />
    </StrokeIcon>
  );
}

export function AlertIcon(props: IconProps) {
  return (
    <StrokeIcon {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7.5v5.5" />
      <path d="M12 16.5h.01" />
    </StrokeIcon>
  );
}

export function InboxIcon(props: IconProps) {
  return (
    <StrokeIcon {...props}>
      <path d="M4 13.5 6.5 5h11l2.5 8.5" />
      <path d="M4 13.5V19h16v-5.5h-5a3 3 0 0 1-6 0z" />
    </StrokeIcon>
  );
}

export function RefreshIcon(props: IconProps) {
  return (
    <StrokeIcon {...props}>
      <path d="M19.5 12a7.5 7.5 0 1 1-2.2-5.3" />
      <path d="M19.5 4.5v4h-4" />
    </StrokeIcon>
  );
}

/** Icon for a public link key; unknown keys get a neutral link icon. */
export function iconForLinkKey(key: string, props: IconProps = {}) {
  switch (key) {
    case 'apiDocs':
      return <CodeIcon {...props} />;
    case 'openData':
      return <DatabaseIcon {...props} />;
    case 'complaints':
      return <MessageIcon {...props} />;
    case 'services':
      return <BuildingIcon {...props} />;
    case 'login':
      return <LoginIcon {...props} />;
    default:
      return <LinkIcon {...props} />;
  }
}
