import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, SegmentedControl, Text } from '@mantine/core';
import { SUPPORTED_LANGUAGES, isLanguage, toLanguage } from '../i18n';

/**
 * Radio-group language switch (arrow keys move between options, as for native radios).
 * Each option is labelled in its own language so it is recognisable whatever the UI language.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const labelId = useId();
  const current = toLanguage(i18n.resolvedLanguage);

  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Text component="span" id={labelId} size="sm" fw={600} c="gray.8">
        {t('language.label')}
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        size="sm"
        radius="md"
        color="simpul"
        value={current}
        onChange={(value) => {
          if (isLanguage(value) && value !== current) void i18n.changeLanguage(value);
        }}
        data={SUPPORTED_LANGUAGES.map((lng) => ({
          value: lng,
          label: <span lang={lng}>{t(`language.${lng}`)}</span>,
        }))}
      />
    </Group>
  );
}
