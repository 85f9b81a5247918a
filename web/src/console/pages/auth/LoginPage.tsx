import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { enrolmentPath, rememberSignIn, safeNext, useMe } from '../../auth';
import { PageLoader } from '../../components/states';
import { AuthLayout } from './AuthLayout';
import { SignInFlow } from './SignInFlow';

/** `/login?next=/console/...`: sign in, then continue to `next` (same-site paths only). */
export function LoginPage() {
  const { t } = useTranslation('console');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useMe();

  if (me.data) {
    return <Navigate to={me.data.mfa.enrolmentRequired ? enrolmentPath(next) : next} replace />;
  }

  return (
    <AuthLayout title={t('signIn.title')} description={t('signIn.description')}>
      {me.isPending ? (
        <PageLoader rows={3} />
      ) : (
        <SignInFlow
          onSignedIn={(user) => {
            rememberSignIn(client, user);
            void navigate(user.mfa?.enrolmentRequired ? enrolmentPath(next) : next, {
              replace: true,
            });
          }}
        />
      )}
    </AuthLayout>
  );
}
