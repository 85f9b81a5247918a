import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicTenant } from '../api';

/** Simpul's mark: connected nodes ("simpul" means knot / node). Decorative. */
export function SimpulMark({ size = 36 }: { size?: number }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={size}
      height={size}
      viewBox="0 0 40 40"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="40" height="40" rx="9" fill="#0a5a89" />
      <g stroke="#ffffff" strokeWidth="2.2" strokeLinecap="round">
        <path d="M20 11 11.5 25.5M20 11l8.5 14.5M11.5 25.5h17" />
      </g>
      <circle cx="20" cy="11" r="4" fill="#f2c14e" />
      <circle cx="11.5" cy="25.5" r="4" fill="#ffffff" />
      <circle cx="28.5" cy="25.5" r="4" fill="#ffffff" />
    </svg>
  );
}

/** Neutral shield shown while a tenant has no logo configured. */
function PlaceholderEmblem({ label, size }: { label: string; size: number }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={size}
      height={Math.round(size * 1.125)}
      viewBox="0 0 64 72"
      role="img"
      aria-label={label}
      focusable="false"
    >
      <path
        d="M32 3 59 12.5V35c0 17.5-12 29-27 34C17 64 5 52.5 5 35V12.5Z"
        fill="#0a5a89"
        stroke="#d9a93b"
        strokeWidth="3"
        strokeLinejoin="round"
      />
      <path
        d="M32 10.5 52 17.6V35c0 13-8.6 22-20 26.4C20.6 57 12 48 12 35V17.6Z"
        fill="none"
        stroke="#ffffff"
        strokeOpacity="0.35"
        strokeWidth="1.5"
      />
      <g stroke="#ffffff" strokeWidth="2.4" strokeLinecap="round">
        <path d="M32 24 22 41M32 24l10 17M22 41h20M32 24v10.5M22 41l10-6.5 10 6.5" />
      </g>
      <circle cx="32" cy="24" r="4.2" fill="#f2c14e" />
      <circle cx="22" cy="41" r="3.6" fill="#ffffff" />
      <circle cx="42" cy="41" r="3.6" fill="#ffffff" />
      <circle cx="32" cy="34.5" r="2.6" fill="#ffffff" />
    </svg>
  );
}

/** Tenant logo, or an accessible placeholder emblem when none is set or it fails to load. */
export function TenantEmblem({ tenant, size = 96 }: { tenant: PublicTenant; size?: number }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  useEffect(() => setFailed(false), [tenant.logoUrl]);

  if (tenant.logoUrl && !failed) {
    return (
      <img
        src={tenant.logoUrl}
        alt={t('tenant.logoAlt', { name: tenant.name })}
        width={size}
        height={size}
        style={{ objectFit: 'contain', width: size, height: size }}
        decoding="async"
        onError={() => setFailed(true)}
      />
    );
  }
  return (
    <PlaceholderEmblem label={t('tenant.emblemPlaceholder', { name: tenant.name })} size={size} />
  );
}
