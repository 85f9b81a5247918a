/** Layout of the public identity pages (sign-in, password reset, OIDC interaction). */
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Box, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { SiteHeader } from '../../../components/SiteHeader';
import { SkipLink } from '../../../components/SkipLink';
import { useTenant } from '../../tenant';
import classes from './AuthLayout.module.css';

export const AUTH_MAIN_ID = 'main-content';

export function AuthLayout({
  title,
  description,
  children,
  width = 440,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  width?: number;
}) {
  const { t } = useTranslation('console');
  const { tenant } = useTenant();
  useEffect(() => {
    document.title = t('documentTitle', { page: title });
  }, [t, title]);
  return (
    <>
      <SkipLink targetId={AUTH_MAIN_ID} />
      <SiteHeader />
      <Box component="main" id={AUTH_MAIN_ID} tabIndex={-1} className={classes.main}>
        <Container size={width} px="md" py="xl">
          <Paper withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }} shadow="xs">
            <Stack gap="lg">
              <Stack gap={4}>
                {tenant ? (
                  <Text size="sm" c="gray.7" fw={600}>
                    {tenant.name}
                  </Text>
                ) : null}
                <Title order={1} size="h2">
                  {title}
                </Title>
                {description ? <Text c="gray.7">{description}</Text> : null}
              </Stack>
              {children}
            </Stack>
          </Paper>
        </Container>
      </Box>
    </>
  );
}
