import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { LoginPage } from '../pages/login-page.tsx'
import { NotFoundPage } from '../pages/not-found-page.tsx'
import { HomeRedirect, MenuRoute } from './menu-route.tsx'
import { RequireAuth } from './require-auth.tsx'

// Every feature page is its own chunk: the login and home pages load none of them up front.
const ProjectsPage = lazy(() => import('../pages/projects-page.tsx').then((m) => ({ default: m.ProjectsPage })))
const UsersPage = lazy(() => import('../pages/users-page.tsx').then((m) => ({ default: m.UsersPage })))
const ApiKeysPage = lazy(() => import('../pages/api-keys-page.tsx').then((m) => ({ default: m.ApiKeysPage })))
const AuditLogsPage = lazy(() => import('../pages/audit-logs-page.tsx').then((m) => ({ default: m.AuditLogsPage })))
const ProfilesPage = lazy(() => import('../pages/profiles-page.tsx').then((m) => ({ default: m.ProfilesPage })))
const ProfileEditorPage = lazy(() =>
  import('../pages/profile-editor-page.tsx').then((m) => ({ default: m.ProfileEditorPage })),
)
const CloudAccountsPage = lazy(() =>
  import('../pages/cloud-accounts-page.tsx').then((m) => ({ default: m.CloudAccountsPage })),
)
const ClustersListPage = lazy(() =>
  import('../pages/clusters-list-page.tsx').then((m) => ({ default: m.ClustersListPage })),
)
const ClustersNewClusterPage = lazy(() =>
  import('../pages/clusters-new-cluster-page.tsx').then((m) => ({ default: m.ClustersNewClusterPage })),
)
const ClustersWizardPage = lazy(() =>
  import('../pages/clusters-wizard-page.tsx').then((m) => ({ default: m.ClustersWizardPage })),
)
const ClustersEksWizardPage = lazy(() =>
  import('../pages/clusters-eks-wizard-page.tsx').then((m) => ({ default: m.ClustersEksWizardPage })),
)
const ClustersAwsWizardPage = lazy(() =>
  import('../pages/clusters-aws-wizard-page.tsx').then((m) => ({ default: m.ClustersAwsWizardPage })),
)
const ClustersVsphereWizardPage = lazy(() =>
  import('../pages/clusters-vsphere-wizard-page.tsx').then((m) => ({ default: m.ClustersVsphereWizardPage })),
)
const ClustersOverviewPage = lazy(() =>
  import('../pages/clusters-overview-page.tsx').then((m) => ({ default: m.ClustersOverviewPage })),
)
const GatewaysPage = lazy(() =>
  import('../features/gateways/gateways-page.tsx').then((m) => ({ default: m.GatewaysPage })),
)
const SshKeysPage = lazy(() => import('../pages/ssh-keys-page.tsx').then((m) => ({ default: m.SshKeysPage })))

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'clusters',
        element: (
          <MenuRoute path="/clusters">
            <ClustersListPage />
          </MenuRoute>
        ),
      },
      {
        path: 'clusters/new',
        element: (
          <MenuRoute path="/clusters">
            <ClustersNewClusterPage />
          </MenuRoute>
        ),
      },
      {
        path: 'clusters/new/tke',
        element: (
          <MenuRoute path="/clusters">
            <ClustersWizardPage />
          </MenuRoute>
        ),
      },
      {
        path: 'clusters/new/eks',
        element: (
          <MenuRoute path="/clusters">
            <ClustersEksWizardPage />
          </MenuRoute>
        ),
      },
      {
        path: 'clusters/new/aws',
        element: (
          <MenuRoute path="/clusters">
            <ClustersAwsWizardPage />
          </MenuRoute>
        ),
      },
      {
        path: 'clusters/new/vsphere',
        element: (
          <MenuRoute path="/clusters">
            <ClustersVsphereWizardPage />
          </MenuRoute>
        ),
      },
      {
        path: 'clusters/:uid',
        element: (
          <MenuRoute path="/clusters">
            <ClustersOverviewPage />
          </MenuRoute>
        ),
      },
      {
        path: 'projects',
        element: (
          <MenuRoute path="/projects">
            <ProjectsPage />
          </MenuRoute>
        ),
      },
      {
        path: 'users',
        element: (
          <MenuRoute path="/users">
            <UsersPage />
          </MenuRoute>
        ),
      },
      {
        path: 'api-keys',
        element: (
          <MenuRoute path="/api-keys">
            <ApiKeysPage />
          </MenuRoute>
        ),
      },
      {
        path: 'audit-logs',
        element: (
          <MenuRoute path="/audit-logs">
            <AuditLogsPage />
          </MenuRoute>
        ),
      },
      {
        path: 'cloud-accounts',
        element: (
          <MenuRoute path="/cloud-accounts">
            <CloudAccountsPage />
          </MenuRoute>
        ),
      },
      {
        path: 'private-cloud-gateways',
        element: (
          <MenuRoute path="/private-cloud-gateways">
            <GatewaysPage />
          </MenuRoute>
        ),
      },
      {
        path: 'ssh-keys',
        element: (
          <MenuRoute path="/ssh-keys">
            <SshKeysPage />
          </MenuRoute>
        ),
      },
      {
        path: 'profiles',
        element: (
          <MenuRoute path="/profiles">
            <ProfilesPage />
          </MenuRoute>
        ),
      },
      {
        path: 'profiles/new',
        element: (
          <MenuRoute path="/profiles">
            <ProfileEditorPage />
          </MenuRoute>
        ),
      },
      {
        path: 'profiles/:uid',
        element: (
          <MenuRoute path="/profiles">
            <ProfileEditorPage />
          </MenuRoute>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]
