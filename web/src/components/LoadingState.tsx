import { useTranslation } from 'react-i18next';
import {
  Container,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import classes from './Landing.module.css';

export function LoadingState() {
  const { t } = useTranslation();
  return (
    <>
      <VisuallyHidden>
        <Title order={1}>{t('app.name')}</Title>
      </VisuallyHidden>
      <div role="status" aria-live="polite">
        <VisuallyHidden>{t('loading.label')}</VisuallyHidden>
      </div>
      <div aria-hidden="true" data-testid="loading-skeleton">
        <section className={classes.hero}>
          <Container size="lg" className={classes.heroInner}>
            <Skeleton width={120} height={130} radius="lg" />
            <Stack gap="sm" flex={1}>
              <Skeleton height={14} width="30%" />
              <Skeleton height={38} width="70%" />
              <Skeleton height={22} width="35%" />
              <Skeleton height={16} width="85%" mt="xs" />
            </Stack>
          </Container>
        </section>
        <section className={classes.section}>
          <Container size="lg">
            <Skeleton height={28} width={260} mb="lg" />
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
              {[0, 1, 2, 3, 4].map((i) => (
                <Group key={i} wrap="nowrap" gap="md" p="lg" className={classes.skeletonCard}>
                  <Skeleton height={44} width={44} radius="md" />
                  <Stack gap={6} flex={1}>
                    <Skeleton height={16} width="60%" />
                    <Skeleton height={12} width="90%" />
                  </Stack>
                </Group>
              ))}
            </SimpleGrid>
          </Container>
        </section>
      </div>
    </>
  );
}
