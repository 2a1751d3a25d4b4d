import { sectionText } from '../text.js';

export const usersText = sectionText({
  en: {
    username: 'User name', role: 'Role', state: 'State', active: 'active', disabled: 'disabled by {by}', mustChange: 'must change password', sessions: 'Sessions', created: 'Created',
    disable: 'Disable', enable: 'Enable', reset: 'Reset password', showSessions: 'Sessions', endSession: 'End', endAll: 'End all sessions', current: 'this session',
    newUser: 'New user', password: 'One-time password', create: 'Create', badUsername: 'User names are 1–64 letters, digits, dots, dashes or underscores.', shortPassword: 'At least 8 characters.',
    resetTitle: 'New password for {name}', resetHint: 'Shown once. {name} must choose their own at the next login; their sessions have ended.', close: 'Close',
    disableConfirm: 'Disable {name}? Their sessions end at once and they cannot log in until enabled again.', cancel: 'Cancel',
    self: 'This is you', lastAdmin: 'The last enabled admin', sessionsOf: 'Sessions of {name}', noSessions: 'No open sessions.', startedAt: 'Started', expiresAt: 'Expires', address: 'Address',
    designer: 'designer', tester: 'tester', admin: 'admin',
  },
  ru: {
    username: 'Имя пользователя', role: 'Роль', state: 'Состояние', active: 'активен', disabled: 'отключён ({by})', mustChange: 'должен сменить пароль', sessions: 'Сеансы', created: 'Создан',
    disable: 'Отключить', enable: 'Включить', reset: 'Сбросить пароль', showSessions: 'Сеансы', endSession: 'Завершить', endAll: 'Завершить все сеансы', current: 'этот сеанс',
    newUser: 'Новый пользователь', password: 'Одноразовый пароль', create: 'Создать', badUsername: 'Имя: от 1 до 64 латинских букв, цифр, точек, дефисов или подчёркиваний.', shortPassword: 'Не меньше 8 символов.',
    resetTitle: 'Новый пароль для {name}', resetHint: 'Показывается один раз. При следующем входе {name} должен выбрать свой пароль; его сеансы завершены.', close: 'Закрыть',
    disableConfirm: 'Отключить {name}? Его сеансы сразу завершатся, войти он не сможет, пока его снова не включат.', cancel: 'Отмена',
    self: 'Это вы', lastAdmin: 'Последний активный администратор', sessionsOf: 'Сеансы: {name}', noSessions: 'Открытых сеансов нет.', startedAt: 'Начат', expiresAt: 'Истекает', address: 'Адрес',
    designer: 'проектировщик', tester: 'тестировщик', admin: 'администратор',
  },
});
