/**
 * The console's sections: one folder each under `console/`, one line here. A section lists the
 * roles that may open it; the server enforces the same rights on every route it calls (a
 * designer or tester sees read-only views where the section has them).
 */
import type { ComponentType } from 'react';
import type { Role, User } from '../api/client.js';
import { DashboardView } from './dashboard/index.js';
import { AuditView } from './audit/View.js';
import { FleetView } from './fleet/View.js';
import { ReferenceView } from './reference/View.js';
import { UsersView } from './users/View.js';
import { DeploymentsView } from './deployments/View.js';
import { PackagesView } from './packages/View.js';

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
  deployments: { title: { en: 'Deployments', ru: 'Развёртывания' }, roles: EVERYONE, View: DeploymentsView },
  dashboard: { title: { en: 'Dashboard', ru: 'Показатели' }, roles: EVERYONE, View: DashboardView },
  fleet: { title: { en: 'Terminals', ru: 'Терминалы' }, roles: ADMIN, View: FleetView },
  users: { title: { en: 'Users', ru: 'Пользователи' }, roles: ADMIN, View: UsersView },
  reference: { title: { en: 'Reference tables', ru: 'Справочники' }, roles: EVERYONE, View: ReferenceView },
  packages: { title: { en: 'Update packages', ru: 'Пакеты обновлений' }, roles: ADMIN, View: PackagesView },
  audit: { title: { en: 'Audit log', ru: 'Журнал аудита' }, roles: ADMIN, View: AuditView },
} satisfies Record<string, SectionDefinition>;

export type SectionId = keyof typeof REGISTRY;
export const SECTIONS: Record<SectionId, SectionDefinition> = REGISTRY;

/** The sections `role` may open, in the navigation's order. */
export function sectionsFor(role: Role): SectionId[] {
  return (Object.keys(SECTIONS) as SectionId[]).filter((id) => SECTIONS[id].roles.includes(role));
}

export const isSectionId = (s: string): s is SectionId => Object.hasOwn(SECTIONS, s);
