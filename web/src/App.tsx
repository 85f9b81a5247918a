import { useEffect } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Box } from '@mantine/core';
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
