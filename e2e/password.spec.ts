/**
 * First start for real: a server without VOICEMAN_ADMIN_PASSWORD generates a one-time admin
 * password; signing in with it forces the change-password dialog until a password of one's own
 * is set, which then is the one that works.
 */
import { expect, test } from './test.js';
import { login } from './helpers.js';
import { useServer, type RunningServer } from './server.js';

let server: RunningServer;
const started = useServer({ generatedPassword: true });
test.beforeAll(async () => {
  server = started();
});

test('the one-time admin password must be changed, and the new one works', async ({ page }) => {
  const newPassword = 'my-own-password-1';
  await login(page, 'admin', server.password, server.url);

  const dialog = page.getByTestId('password-dialog');
  await expect(dialog).toBeVisible();
  // Forced: no cancel, Escape and a click outside leave it open.
  await expect(dialog.getByTestId('password-cancel')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.mouse.click(5, 5);
  await expect(dialog).toBeVisible();

  await dialog.getByTestId('password-current').fill('not-the-password');
  await dialog.getByTestId('password-new').fill(newPassword);
  await dialog.getByTestId('password-repeat').fill(newPassword);
  await dialog.getByTestId('password-submit').click();
  await expect(dialog.getByTestId('password-error')).toHaveText(/current password is wrong|Текущий пароль неверен/);
  await expect(dialog).toBeVisible();

  await dialog.getByTestId('password-current').fill(server.password);
  await dialog.getByTestId('password-submit').click();
  await expect(dialog).toBeHidden();
  // The page behind the dialog loads now, without a reload: no leftover 403 message.
  await expect(page.getByTestId('process-search')).toBeVisible();
  await expect(page.getByText('change the one-time password first')).toHaveCount(0);
  await expect(page.getByText(/No processes yet|Процессов пока нет/)).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('process-search')).toBeVisible();
  await expect(page.getByTestId('password-dialog')).toHaveCount(0);

  // The header entry opens the same dialog, dismissable this time.
  await page.getByTestId('change-password').click();
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('password-cancel').click();
  await expect(dialog).toBeHidden();

  await page.getByTestId('logout').click();
  await page.getByLabel(/User name|Имя пользователя/).fill('admin');
  await page.getByLabel(/^Password|^Пароль/).fill(server.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByRole('alert')).toBeVisible();

  await login(page, 'admin', newPassword, server.url);
  await expect(page.getByTestId('password-dialog')).toHaveCount(0);
});
