import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { authRoutes } from '../modules/agencies/auth.routes.ts';
import { adminRoutes } from '../modules/agencies/admin.routes.ts';
import { agenciesAdminRoutes } from '../modules/agencies/agencies.admin.routes.ts';
import { usersAdminRoutes } from '../modules/agencies/users.admin.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { calendarRoutes } from '../modules/calendar/calendar.routes.ts';
import { siteRoutes } from '../modules/site/site.routes.ts';
import { portalRoutes } from '../modules/portal/portal.routes.ts';
import { publicationsAdminRoutes } from '../modules/catalog/publications.admin.routes.ts';
import { applicationsAdminRoutes } from '../modules/applications/admin.routes.ts';
import { apiRoutes } from '../modules/catalog/api.routes.ts';
import { applicationsApiRoutes } from '../modules/applications/api.routes.ts';
import { apiTokensRoutes } from '../modules/agencies/tokens.routes.ts';
import { feedRoutes } from '../modules/catalog/feeds.routes.ts';
import { applicationsLettersRoutes } from '../modules/applications/letters.routes.ts';
import { applicationsPublicRoutes } from '../modules/applications/public.routes.ts';
import { catalogRoutes } from '../modules/catalog/catalog.routes.ts';
import { sitemapRoutes } from '../modules/portal/sitemap.routes.ts';
import { reportsAdminRoutes } from '../modules/reports/admin.routes.ts';
import { dashboardRoutes } from '../modules/oversight/dashboard.routes.ts';
import { monitorRoutes } from '../modules/oversight/monitor.routes.ts';
import { reportsPublicRoutes } from '../modules/reports/public.routes.ts';

export type RoutePlugin = (app: FastifyInstance, opts: { services: Services }) => Promise<void>;

/** Every module's routes, registered in this order. */
export const routePlugins: RoutePlugin[] = [portalRoutes, authRoutes, adminRoutes, agenciesAdminRoutes, usersAdminRoutes, auditRoutes, calendarRoutes, siteRoutes, publicationsAdminRoutes, applicationsAdminRoutes, apiTokensRoutes, applicationsApiRoutes, apiRoutes, feedRoutes, applicationsLettersRoutes, applicationsPublicRoutes, reportsAdminRoutes, reportsPublicRoutes, dashboardRoutes, monitorRoutes, catalogRoutes, sitemapRoutes];
