import { useTranslation } from 'react-i18next';
import classes from './SkipLink.module.css';

export function SkipLink({ targetId }: { targetId: string }) {
  const { t } = useTranslation();
  return (
    <a href={`#${targetId}`} className={classes.skipLink}>
      {t('a11y.skipToContent')}
    </a>
  );
}
