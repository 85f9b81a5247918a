/** The registry and compliance pages, one chunk loaded on demand (charts and graph layout inside). */
export { OverviewPage } from './OverviewPage';
export { RecordListPage } from './RecordListPage';
export { RecordFormPage } from './RecordFormPage';
export { RecordDetailPage } from './RecordDetailPage';
export { ChangesPage } from './ChangesPage';
export { DashboardPage } from '../compliance/DashboardPage';
export { RulesPage } from '../compliance/RulesPage';
