import { useEffect } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Box, Button, Container, Stack, Text, Title } from '@mantine/core';
import { useRouteError } from 'react-router-dom';
import { publicSiteQuery } from './api';
import { toLanguage } from './i18n';
import { SkipLink } from './components/SkipLink';
import { SiteHeader } from './components/SiteHeader';
import { SiteFooter } from './components/SiteFooter';
import { LandingContent } from './components/LandingContent';
import { LoadingState } from './components/LoadingState';
import { ErrorState } from './components/ErrorState';
import classes from './App.module.css';

export const MAIN_CONTENT_ID = 'main-content';

export function App() {
  const { t, i18n } = useTranslation();
  const language = toLanguage(i18n.resolvedLanguage);
  const site = useQuery({ ...publicSiteQuery(language), placeholderData: keepPreviousData });

  const tenantName = site.data?.tenant.name;
  useEffect(() => {
    document.title = tenantName ? t('app.documentTitle', { name: tenantName }) : t('app.name');
  }, [t, tenantName]);

  let content;
  if (site.data) {
    content = <LandingContent site={site.data} />;
  } else if (site.isError) {
    content = (
      <ErrorState
        error={site.error}
        retrying={site.isFetching}
        onRetry={() => void site.refetch()}
      />
    );
  } else {
    content = <LoadingState />;
  }

  return (
    <>
      <SkipLink targetId={MAIN_CONTENT_ID} />
      <SiteHeader />
      <Box
        component="main"
        id={MAIN_CONTENT_ID}
        tabIndex={-1}
        className={classes.main}
        aria-busy={site.isPending ? true : undefined}
      >
        {content}
      </Box>
      <SiteFooter tenant={site.data?.tenant} />
    </>
  );
}

/**
 * Shown when a route throws or its code cannot be loaded (typically a stale tab after an
 * upgrade): a plain page with a reload button, in the main bundle so it always renders.
 */
export function RouteError() {
  const { t } = useTranslation('console');
  const error = useRouteError();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <>
      <SkipLink targetId={MAIN_CONTENT_ID} />
      <SiteHeader />
      <Box component="main" id={MAIN_CONTENT_ID} tabIndex={-1} className={classes.main}>
        <Container size="sm" py="xl">
          <Stack gap="md" align="flex-start">
            <Title order={1} size="h2">
              {t('routeError.title')}
            </Title>
            <Text>{t('routeError.body')}</Text>
            <Button onClick={() => window.location.reload()}>{t('routeError.reload')}</Button>
          </Stack>
        </Container>
      </Box>
    </>
  );
}
