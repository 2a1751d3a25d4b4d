/** The console's deployments section: the matrix, a history, a rollout, the deploy rights (`#/admin/deployments/...`). */
import type { SectionProps } from '../sections.js';
import { consolePath } from '../route.js';
import { useSectionText } from '../text.js';
import { HistoryView } from './HistoryView.js';
import { MatrixView } from './MatrixView.js';
import { deployRest, deployRoute, type DeployRoute } from './model.js';
import { RightsView } from './RightsView.js';
import { RolloutPage } from './RolloutViews.js';
import { text } from './text.js';

export function DeploymentsView({ user, rest, navigate }: SectionProps) {
  const t = useSectionText(text);
  const route = deployRoute(rest);
  const go = (r: DeployRoute) => navigate(consolePath('deployments', deployRest(r)));
  return (
    <div className="vm-console-deployments">
      <nav className="vm-console-deployments-tabs">
        <button type="button" className="vm-link-button" aria-current={route.page === 'matrix' ? 'page' : undefined} onClick={() => go({ page: 'matrix' })} data-testid="deploy-tab-matrix">{t('matrix')}</button>
        {user.role === 'admin' && (
          <button type="button" className="vm-link-button" aria-current={route.page === 'rights' ? 'page' : undefined} onClick={() => go({ page: 'rights' })} data-testid="deploy-tab-rights">{t('rights')}</button>
        )}
      </nav>
      {route.page === 'matrix' && <MatrixView go={go} />}
      {route.page === 'history' && <HistoryView siteId={route.siteId} processKey={route.processKey} go={go} />}
      {route.page === 'rollout' && <RolloutPage id={route.id} mayAct={user.role === 'admin'} go={go} />}
      {route.page === 'rights' && user.role === 'admin' && <RightsView />}
    </div>
  );
}
