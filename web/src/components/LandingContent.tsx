import { useTranslation } from 'react-i18next';
import {
  Badge,
  Card,
  Container,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import type { PublicLink, PublicSite, PublicTenant } from '../api';
import { TenantEmblem } from './Emblems';
import { ArrowRightIcon, InboxIcon, iconForLinkKey } from './icons';
import classes from './Landing.module.css';

function Hero({ tenant }: { tenant: PublicTenant }) {
  const { t } = useTranslation();
  return (
    <section className={classes.hero} aria-labelledby="tenant-name">
      <Container size="lg" className={classes.heroInner}>
        <div className={classes.emblem}>
          <TenantEmblem tenant={tenant} size={96} />
        </div>
        <Stack gap="xs">
          <Text component="p" className={classes.eyebrow}>
            {t('hero.eyebrow')}
          </Text>
          <Title order={1} id="tenant-name" className={classes.title} lang="id">
            {tenant.name}
          </Title>
          <Group gap="sm" wrap="wrap">
            <Badge variant="filled" color="simpul" size="lg" radius="sm">
              {t(`tenant.kind.${tenant.kind}`, { defaultValue: tenant.kind })}
            </Badge>
            <Text component="span" size="sm" c="gray.8">
              {t('tenant.regionCode', { code: tenant.code })}
            </Text>
          </Group>
          <Text component="p" className={classes.lead} mt="xs">
            {t('hero.lead', { name: tenant.name })}
          </Text>
        </Stack>
      </Container>
    </section>
  );
}

function isExternal(href: string): boolean {
  try {
    return new URL(href, window.location.href).origin !== window.location.origin;
  } catch {
    return false;
  }
}

function LinkCard({ link }: { link: PublicLink }) {
  const { t, i18n } = useTranslation();
  const descriptionKey = `linkDescriptions.${link.key}`;
  const external = isExternal(link.href);
  return (
    <Card
      component="a"
      href={link.href}
      withBorder
      radius="md"
      padding="lg"
      className={classes.linkCard}
      {...(external ? { rel: 'noopener noreferrer' } : {})}
    >
      <span className={classes.linkIcon}>{iconForLinkKey(link.key)}</span>
      <span className={classes.linkBody}>
        <span className={classes.linkTitle}>
          {t(`links.${link.key}`, { defaultValue: link.key })}
          {external ? <VisuallyHidden> {t('linksSection.external')}</VisuallyHidden> : null}
        </span>
        {i18n.exists(descriptionKey) ? (
          <span className={classes.linkDescription}>{t(descriptionKey)}</span>
        ) : null}
      </span>
      <ArrowRightIcon className={classes.linkArrow} size={20} />
    </Card>
  );
}

function EmptyLinks() {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="xl">
      <Group wrap="nowrap" align="flex-start" gap="md">
        <InboxIcon className={classes.emptyIcon} size={32} />
        <div>
          <Title order={3} size="h4">
            {t('empty.title')}
          </Title>
          <Text mt={4} c="gray.8">
            {t('empty.body')}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}

function LinksSection({ links }: { links: PublicLink[] }) {
  const { t } = useTranslation();
  return (
    <section className={classes.section} aria-labelledby="links-heading">
      <Container size="lg">
        <Title order={2} id="links-heading" className={classes.sectionTitle}>
          {t('linksSection.title')}
        </Title>
        <Text className={classes.sectionIntro} mt={4} mb="lg">
          {t('linksSection.intro')}
        </Text>
        {links.length === 0 ? (
          <EmptyLinks />
        ) : (
          <SimpleGrid
            component="ul"
            cols={{ base: 1, sm: 2, md: 3 }}
            spacing="md"
            className={classes.cardList}
          >
            {links.map((link) => (
              <li key={`${link.key}:${link.href}`}>
                <LinkCard link={link} />
              </li>
            ))}
          </SimpleGrid>
        )}
      </Container>
    </section>
  );
}

function AboutSection() {
  const { t } = useTranslation();
  return (
    <section className={classes.section} aria-labelledby="about-heading">
      <Container size="lg">
        <Title order={2} id="about-heading" className={classes.sectionTitle} mb="lg">
          {t('about.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Paper withBorder radius="md" p="lg" className={classes.aboutCard}>
            <Title order={3} size="h4" mb="xs">
              {t('about.spbeTitle')}
            </Title>
            <Text className={classes.aboutText}>{t('about.spbe')}</Text>
          </Paper>
          <Paper withBorder radius="md" p="lg" className={classes.aboutCard}>
            <Title order={3} size="h4" mb="xs">
              {t('about.simpulTitle')}
            </Title>
            <Text className={classes.aboutText}>{t('about.simpul')}</Text>
          </Paper>
        </SimpleGrid>
      </Container>
    </section>
  );
}

export function LandingContent({ site }: { site: PublicSite }) {
  return (
    <>
      <Hero tenant={site.tenant} />
      <LinksSection links={site.links} />
      <AboutSection />
    </>
  );
}
