import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCurrentUser } from './auth';
import { PageHeader, Notice } from './components/states';
import { ShieldIcon } from './components/icons';
import { visibleNav } from './Shell';

/** `/console`: a greeting and the areas this user can open. */
export function HomePage() {
  const { t } = useTranslation(['console', 'data']);
  const me = useCurrentUser();
  const areas = visibleNav(me)
    .filter((s) => s.key !== 'main' && s.key !== 'account')
    .flatMap((s) => s.items);
  const enrolled = me.mfa.totp || me.mfa.passkeys > 0;

  return (
    <>
      <PageHeader
        title={t('console:home.title', { name: me.displayName })}
        description={t('console:home.description')}
      />
      <Stack gap="lg">
        {!enrolled ? (
          <Notice tone="warning" icon={<ShieldIcon size={20} />} title={t('console:home.mfaTitle')}>
            <Text size="sm" c="gray.9">
              {t('console:home.mfaBody')}{' '}
              <Anchor
                component={Link}
                to="/console/account/security"
                c="simpul.9"
                underline="always"
              >
                {t('console:home.mfaLink')}
              </Anchor>
            </Text>
          </Notice>
        ) : null}
        <section aria-labelledby="home-areas">
          <Title order={2} size="h4" id="home-areas" mb="sm">
            {t('console:home.areas')}
          </Title>
          {areas.length === 0 ? (
            <Text c="gray.8">{t('console:home.noAreas')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
              {areas.map((item) => (
                <Paper key={item.to} withBorder p="md" radius="md">
                  <Anchor component={Link} to={item.to} fw={600} c="simpul.9" underline="always">
                    {t(item.labelKey, { ns: ['data', 'console'] })}
                  </Anchor>
                </Paper>
              ))}
            </SimpleGrid>
          )}
        </section>
      </Stack>
    </>
  );
}
