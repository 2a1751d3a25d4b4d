/**
 * The console's sections: one folder each under `console/`, one line here. A section lists the
 * roles that may open it; the server enforces the same rights on every route it calls (a
 * designer or tester sees read-only views where the section has them).
 */
import type { ComponentType } from 'react';
import type { Role, User } from '../api/client.js';
import { DashboardView } from './dashboard/index.js';
import { PendingSection } from './PendingSection.js';

export interface SectionProps {
  user: User;
  /** The route after the section (`sites/dc1`), for the section's own pages. */
  rest: string;
  navigate(path: string): void;
}

export interface SectionDefinition {
  title: { en: string; ru: string };
  roles: readonly Role[];
  View: ComponentType<SectionProps>;
}

const EVERYONE: readonly Role[] = ['admin', 'designer', 'tester'];
const ADMIN: readonly Role[] = ['admin'];

const REGISTRY = {
  deployments: { title: { en: 'Deployments', ru: 'Развёртывания' }, roles: EVERYONE, View: PendingSection },
  dashboard: { title: { en: 'Dashboard', ru: 'Показатели' }, roles: EVERYONE, View: DashboardView },
  fleet: { title: { en: 'Terminals', ru: 'Терминалы' }, roles: ADMIN, View: PendingSection },
  users: { title: { en: 'Users', ru: 'Пользователи' }, roles: ADMIN, View: PendingSection },
  reference: { title: { en: 'Reference tables', ru: 'Справочники' }, roles: EVERYONE, View: PendingSection },
  packages: { title: { en: 'Update packages', ru: 'Пакеты обновлений' }, roles: ADMIN, View: PendingSection },
  audit: { title: { en: 'Audit log', ru: 'Журнал аудита' }, roles: ADMIN, View: PendingSection },
} satisfies Record<string, SectionDefinition>;

export type SectionId = keyof typeof REGISTRY;
export const SECTIONS: Record<SectionId, SectionDefinition> = REGISTRY;

/** The sections `role` may open, in the navigation's order. */
export function sectionsFor(role: Role): SectionId[] {
  return (Object.keys(SECTIONS) as SectionId[]).filter((id) => SECTIONS[id].roles.includes(role));
}

export const isSectionId = (s: string): s is SectionId => Object.hasOwn(SECTIONS, s);
