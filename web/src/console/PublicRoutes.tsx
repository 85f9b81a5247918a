/** The public identity pages, in the same lazily loaded chunk as the console. */
export { LoginPage } from './pages/auth/LoginPage';
export { ForgotPasswordPage } from './pages/auth/ForgotPasswordPage';
export { ResetPasswordPage } from './pages/auth/ResetPasswordPage';
export { InteractionPage } from './pages/interaction/InteractionPage';
export { ConsoleRoutes } from './ConsoleRoutes';
export { NotFoundPage } from './pages/auth/NotFoundPage';
