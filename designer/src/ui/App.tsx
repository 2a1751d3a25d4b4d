/**
 * Session and routing: login, the process list (`#/`), an editor (`#/p/:key`, `#/p/:key/v/:n`),
 * replays (`#/replays?process=…`, `#/replays/:id`, `#/replays/:id/sessions/:sessionId`) and a
 * logged session on the canvas (`#/p/:key/session/:sessionId`), the admin console (`#/admin/<section>`).
 */
import { Fragment, useEffect, useState } from 'react';
import { api, type User } from '../api/client.js';
import { ChangePasswordDialog } from './ChangePasswordDialog.js';
import { EditorPage } from './editor/EditorPage.js';
import { LangProvider } from './i18n.js';
import { Login } from './Login.js';
import { ProcessList } from './ProcessList.js';
import { replayRoute, ReplayRoutes, type ReplayRoute } from './replay/routes.js';
import { ConsolePage, consoleRoute, type ConsoleRoute } from '../console/index.js';

export type Route = { page: 'list' } | { page: 'editor'; key: string; version?: number } | ReplayRoute | ConsoleRoute;

export function parseRoute(hash: string): Route {
  const replay = replayRoute(hash);
  if (replay) return replay;
  const admin = consoleRoute(hash);
  if (admin) return admin;
  const path = hash.replace(/^#/, '');
  const m = /^\/p\/([^/]+)(?:\/v\/(\d+))?$/.exec(path);
  if (!m) return { page: 'list' };
  return { page: 'editor', key: decodeURIComponent(m[1]!), ...(m[2] ? { version: Number(m[2]) } : {}) };
}

function useRoute(): [Route, (path: string) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [route, (path) => void (location.hash = path)];
}

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [route, navigate] = useRoute();
  const [passwordOpen, setPasswordOpen] = useState(false);
  // Signed in with the one-time first-start password: nothing else until a password of one's own.
  const forcedPassword = user?.mustChangePassword === true;
  useEffect(() => {
    api.me().then(setUser, () => setUser(null));
  }, []);
  return (
    <LangProvider>
      {user === undefined ? (
        <div className="vm-loading">…</div>
      ) : user === null ? (
        <Login onLogin={setUser} />
      ) : (
        // Behind the forced dialog every API call answers 403: the page mounts again (and loads)
        // once the password is changed, instead of keeping the message it got.
        <Fragment key={forcedPassword ? 'password-required' : 'signed-in'}>
          {route.page === 'list' ? (
            <ProcessList
              user={user}
              navigate={navigate}
              onLogout={() => {
                void api.logout().finally(() => setUser(null));
              }}
              onChangePassword={() => setPasswordOpen(true)}
            />
          ) : route.page === 'console' ? (
            <ConsolePage route={route} user={user} navigate={navigate} />
          ) : route.page !== 'editor' ? (
            <ReplayRoutes route={route} navigate={navigate} />
          ) : (
            <EditorPage key={`${route.key}/${route.version ?? 'draft'}`} processKey={route.key} version={route.version} user={user} navigate={navigate} />
          )}
        </Fragment>
      )}
      {user && (forcedPassword || passwordOpen) && (
        <ChangePasswordDialog
          forced={forcedPassword}
          onChanged={() => {
            setUser({ ...user, mustChangePassword: false });
            setPasswordOpen(false);
          }}
          onClose={() => setPasswordOpen(false)}
        />
      )}
    </LangProvider>
  );
}
