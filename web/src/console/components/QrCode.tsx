import { useMemo } from 'react';
import { qrMatrix } from '../qr';

/**
 * `value` as a QR code (inline SVG, dark on white with the 4-module quiet zone), for scanning
 * with an authenticator app. `label` is its accessible name.
 */
export function QrCode({
  value,
  label,
  size = 192,
}: {
  value: string;
  label: string;
  size?: number;
}) {
  const path = useMemo(() => {
    try {
      const matrix = qrMatrix(value);
      let d = '';
      matrix.forEach((row, y) => {
        row.forEach((dark, x) => {
          if (dark) d += `M${x + 4} ${y + 4}h1v1h-1z`;
        });
      });
      return { d, modules: matrix.length + 8 };
    } catch {
      return null;
    }
  }, [value]);
  if (!path) return null;
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${path.modules} ${path.modules}`}
      shapeRendering="crispEdges"
      style={{ background: '#fff', flexShrink: 0, border: '1px solid var(--mantine-color-gray-3)' }}
      data-testid="totp-qr"
    >
      <path d={path.d} fill="#000" />
    </svg>
  );
}
