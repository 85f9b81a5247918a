/**
 * The staff console layout: header (tenant, language, user menu), a navbar that lists only what
 * the user may open (a drawer behind a burger on phones), and the page in <main>.
 */
import { useEffect, useMemo, useRef } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  AppShell,
  Avatar,
  Box,
  Burger,
  Divider,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure, useMediaQuery, useReducedMotion } from '@mantine/hooks';
import { SimpulMark } from '../components/Emblems';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SkipLink } from '../components/SkipLink';
import { hasPermission, useCurrentUser, useSignOut, type Me } from './auth';
import type { NavItem } from './nav';
import { dataNav } from './routes.data';
import { useTenant } from './tenant';
import {
  AuditIcon,
  ChevronDownIcon,
  DevicesIcon,
  HomeIcon,
  KeyIcon,
  LogoutIcon,
  SettingsIcon,
  ShieldIcon,
  UserIcon,
} from './components/icons';
import classes from './Shell.module.css';

export const CONSOLE_MAIN_ID = 'console-main';
const NAVBAR_ID = 'console-navbar';

interface NavSection {
  key: string;
  labelKey: string;
  items: NavItem[];
}

const HOME: NavItem = { to: '/console', labelKey: 'console:nav.home', icon: <HomeIcon /> };

const ACCOUNT_NAV: NavItem[] = [
  { to: '/console/account', labelKey: 'console:nav.profile', icon: <UserIcon /> },
  { to: '/console/account/password', labelKey: 'console:nav.password', icon: <KeyIcon /> },
  { to: '/console/account/security', labelKey: 'console:nav.security', icon: <ShieldIcon /> },
  { to: '/console/account/sessions', labelKey: 'console:nav.sessions', icon: <DevicesIcon /> },
];

const ADMIN_NAV: NavItem[] = [
  {
    to: '/console/settings',
    labelKey: 'console:nav.settings',
    permission: 'tenancy:settings:read',
    icon: <SettingsIcon />,
  },
  {
    to: '/console/audit',
    labelKey: 'console:nav.audit',
    permission: 'audit:event:read',
    icon: <AuditIcon />,
  },
];

/** The sections and items this user may see (items without a permission are for everyone). */
export function visibleNav(me: Pick<Me, 'permissions' | 'mfa'>): NavSection[] {
  if (me.mfa.enrolmentRequired) {
    return [{ key: 'account', labelKey: 'console:nav.sectionAccount', items: [ACCOUNT_NAV[2]!] }];
  }
  const allowed = (items: NavItem[]) => items.filter((i) => hasPermission(me, i.permission));
  return [
    { key: 'main', labelKey: 'console:nav.sectionMain', items: [HOME] },
    { key: 'data', labelKey: 'console:nav.sectionData', items: allowed(dataNav) },
    { key: 'admin', labelKey: 'console:nav.sectionAdmin', items: allowed(ADMIN_NAV) },
    { key: 'account', labelKey: 'console:nav.sectionAccount', items: ACCOUNT_NAV },
  ].filter((s) => s.items.length > 0);
}

/** The most specific item whose path is the current path or one of its parents. */
function activePath(pathname: string, items: NavItem[]): string | null {
  let best: string | null = null;
  for (const { to } of items) {
    const matches = pathname === to || pathname.startsWith(`${to}/`);
    if (matches && (best === null || to.length > best.length)) best = to;
  }
  return best;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : ''))
    .toUpperCase()
    .slice(0, 2);
}

function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <Menu
      position="bottom-end"
      width={240}
      shadow="md"
      withinPortal
      withInitialFocusPlaceholder={false}
    >
      <Menu.Target>
        <UnstyledButton className={classes.userButton}>
          <Group gap="xs" wrap="nowrap">
            <span aria-hidden="true">
              <Avatar color="simpul.8" variant="filled" radius="xl" size={32}>
                {initials(me.displayName)}
              </Avatar>
            </span>
            {/* Named "Menu akun <name>": every visible word is part of the accessible name. */}
            <VisuallyHidden>{t('shell.userMenu')}</VisuallyHidden>
            <Text size="sm" fw={600} visibleFrom="md" className={classes.userName} span>
              {me.displayName}
            </Text>
            <VisuallyHidden hiddenFrom="md">{me.displayName}</VisuallyHidden>
            <ChevronDownIcon size={16} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="gray.9" component="span" display="block">
            {me.displayName}
          </Text>
          <Text size="xs" c="gray.7" component="span">
            {me.username}
          </Text>
        </Menu.Label>
        <Menu.Item leftSection={<UserIcon size={16} />} component={Link} to="/console/account">
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Item
          leftSection={<ShieldIcon size={16} />}
          component={Link}
          to="/console/account/security"
        >
          {t('nav.security')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          leftSection={<LogoutIcon size={16} />}
          c="red.9"
          onClick={() => {
            void signOut().finally(() => void navigate('/login', { replace: true }));
          }}
        >
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function Shell() {
  const { t } = useTranslation(['console', 'data']);
  const me = useCurrentUser();
  const { tenant } = useTenant();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const mainRef = useRef<HTMLElement>(null);
  const burgerRef = useRef<HTMLButtonElement>(null);
  const firstRender = useRef(true);
  // Below the `sm` breakpoint the navbar is a drawer; when closed it must leave the tab order.
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, {
    getInitialValueInEffect: false,
  });
  const drawerClosed = isPhone === true && !opened;
  const reduceMotion = useReducedMotion();

  const sections = useMemo(() => visibleNav(me), [me]);
  const active = activePath(
    location.pathname,
    sections.flatMap((s) => s.items),
  );

  // On navigation: close the phone drawer and move focus to the new page, as a full load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    close();
    mainRef.current?.focus({ preventScroll: false });
  }, [location.pathname, close]);

  const label = (key: string) => t(key, { ns: ['data', 'console'] });

  return (
    <>
      <SkipLink targetId={CONSOLE_MAIN_ID} />
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 272, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="md"
        transitionDuration={reduceMotion ? 0 : 200}
      >
        <AppShell.Header className={classes.header}>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap" className={classes.brandGroup}>
              <Burger
                ref={burgerRef}
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t(opened ? 'shell.closeMenu' : 'shell.openMenu')}
                aria-expanded={opened}
                aria-controls={NAVBAR_ID}
              />
              <Link to="/console" className={classes.brand}>
                <SimpulMark size={32} />
                <span className={classes.brandText}>
                  <span className={classes.brandName}>{tenant?.name ?? t('app')}</span>
                  <span className={classes.brandTagline}>{t('shell.tagline')}</span>
                </span>
              </Link>
            </Group>
            <Group gap="md" wrap="nowrap">
              <Box visibleFrom="md">
                <LanguageSwitch />
              </Box>
              <UserMenu me={me} />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar
          id={NAVBAR_ID}
          component="nav"
          aria-label={t('shell.navigation')}
          className={classes.navbar}
          style={drawerClosed ? { visibility: 'hidden' } : undefined}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && isPhone && opened) {
              close();
              burgerRef.current?.focus();
            }
          }}
        >
          <AppShell.Section grow component={ScrollArea} p="sm">
            <Stack gap="md">
              {sections.map((section) => (
                <Box key={section.key} role="group" aria-labelledby={`nav-${section.key}`}>
                  <Text
                    id={`nav-${section.key}`}
                    size="xs"
                    fw={700}
                    tt="uppercase"
                    c="gray.7"
                    px="sm"
                    mb={4}
                  >
                    {label(section.labelKey)}
                  </Text>
                  <ul className={classes.navList}>
                    {section.items.map((item) => {
                      const isActive = item.to === active;
                      return (
                        <li key={item.to}>
                          <NavLink
                            component={Link}
                            to={item.to}
                            label={label(item.labelKey)}
                            leftSection={item.icon}
                            active={isActive}
                            aria-current={isActive ? 'page' : undefined}
                            variant="filled"
                            className={classes.navLink}
                          />
                        </li>
                      );
                    })}
                  </ul>
                </Box>
              ))}
            </Stack>
          </AppShell.Section>
          <AppShell.Section p="sm" hiddenFrom="md">
            <Divider mb="sm" />
            <LanguageSwitch />
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main
          id={CONSOLE_MAIN_ID}
          ref={mainRef}
          component="main"
          tabIndex={-1}
          className={classes.main}
        >
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
