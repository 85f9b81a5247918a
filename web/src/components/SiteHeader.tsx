import { useTranslation } from 'react-i18next';
import { Box, Container } from '@mantine/core';
import { SimpulMark } from './Emblems';
import { LanguageSwitch } from './LanguageSwitch';
import classes from './SiteHeader.module.css';

export function SiteHeader() {
  const { t } = useTranslation();
  return (
    <Box component="header" className={classes.header}>
      <div className={classes.flagStripe} aria-hidden="true" />
      <Container size="lg" className={classes.inner}>
        <a href="/" className={classes.brand}>
          <SimpulMark size={40} />
          <span className={classes.brandText}>
            <span className={classes.brandName}>{t('app.name')}</span>
            <span className={classes.brandTagline}>{t('app.tagline')}</span>
          </span>
        </a>
        <LanguageSwitch />
      </Container>
    </Box>
  );
}
