import { useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Box, Container } from '@mantine/core';
import type { PublicTenant } from '../api';
import { toLanguage } from '../i18n';
import { formatLongDate, isoDateIn, yearIn } from '../format';
import classes from './SiteFooter.module.css';

const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

export function SiteFooter({ tenant }: { tenant: PublicTenant | undefined }) {
  const { t, i18n } = useTranslation();
  const language = toLanguage(i18n.resolvedLanguage);
  const timeZone = tenant?.timeZone ?? DEFAULT_TIME_ZONE;
  const now = useMemo(() => new Date(), []);
  const ownerName = tenant?.name ?? t('app.name');

  return (
    <Box component="footer" className={classes.footer}>
      <Container size="lg">
        <div className={classes.grid}>
          <div className={classes.column}>
            <span className={classes.name} lang={tenant ? 'id' : undefined}>
              {ownerName}
            </span>
            {tenant?.officialDomain ? (
              <span>
                <Trans
                  i18nKey="footer.officialDomain"
                  values={{ domain: tenant.officialDomain }}
                  components={[
                    <a
                      key="domain"
                      className={classes.link}
                      href={`https://${tenant.officialDomain}`}
                    />,
                  ]}
                />
              </span>
            ) : null}
            <span>
              <Trans
                i18nKey="footer.today"
                values={{ date: formatLongDate(now, language, timeZone) }}
                components={[<time key="date" dateTime={isoDateIn(now, timeZone)} />]}
              />
            </span>
          </div>
          <div className={classes.column}>
            <span>{t('footer.poweredBy')}</span>
          </div>
        </div>
        <div className={classes.bottom}>
          {t('footer.copyright', { year: yearIn(now, timeZone), name: ownerName })}
        </div>
      </Container>
    </Box>
  );
}
