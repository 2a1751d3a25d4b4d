/**
 * One real server for the whole e2e run. Its URL and admin password reach the tests through the
 * environment (workers inherit it). Builds nothing: the root `npm test` builds first.
 */
import { startServer } from './server.js';

export default async function globalSetup() {
  const server = await startServer();
  process.env.VOICEMAN_E2E_URL = server.url;
  process.env.VOICEMAN_E2E_PASSWORD = server.password;
  return () => server.stop();
}
