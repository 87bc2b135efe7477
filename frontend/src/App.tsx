// Routes, each page loaded on first visit so that the first download stays small.
import { Suspense, lazy } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Center, Loader } from '@mantine/core';
import { useSession } from './auth/useSession';
import { Shell } from './layout/Shell';

const Login = lazy(() => import('./pages/Login'));
const Dashboard = lazy(() => import('./pages/Dashboard'));
const Suppliers = lazy(() => import('./pages/Suppliers'));
const SupplierPage = lazy(() => import('./pages/SupplierPage'));
const Findings = lazy(() => import('./pages/Findings'));
const FindingPage = lazy(() => import('./pages/FindingPage'));
const Respond = lazy(() => import('./pages/Respond'));
const AssessmentReview = lazy(() => import('./pages/AssessmentReview'));
const Services = lazy(() => import('./pages/Services'));
const ServicePage = lazy(() => import('./pages/ServicePage'));
const Settings = lazy(() => import('./pages/Settings'));
const GraphView = lazy(() => import('./pages/GraphView'));
const Campaigns = lazy(() => import('./pages/Campaigns'));
const Templates = lazy(() => import('./pages/Templates'));
const AuditLog = lazy(() => import('./pages/AuditLog'));
const TemplatePage = lazy(() => import('./pages/Templates').then((m) => ({ default: m.TemplatePage })));
const CampaignPage = lazy(() => import('./pages/Campaigns').then((m) => ({ default: m.CampaignPage })));

export function Loading() {
  return (
    <Center h="50vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

function SignedIn({ children }: { children: React.ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session || session.kind !== 'user') {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <Shell>{children}</Shell>;
}

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<Login />} />
        <Route path="/respond" element={<Respond />} />
        <Route
          path="/"
          element={
            <SignedIn>
              <Dashboard />
            </SignedIn>
          }
        />
        <Route
          path="/suppliers"
          element={
            <SignedIn>
              <Suppliers />
            </SignedIn>
          }
        />
        <Route
          path="/suppliers/:id"
          element={
            <SignedIn>
              <SupplierPage />
            </SignedIn>
          }
        />
        <Route
          path="/findings"
          element={
            <SignedIn>
              <Findings />
            </SignedIn>
          }
        />
        <Route
          path="/findings/:id"
          element={
            <SignedIn>
              <FindingPage />
            </SignedIn>
          }
        />
        <Route
          path="/services"
          element={
            <SignedIn>
              <Services />
            </SignedIn>
          }
        />
        <Route
          path="/services/:id"
          element={
            <SignedIn>
              <ServicePage />
            </SignedIn>
          }
        />
        <Route
          path="/settings"
          element={
            <SignedIn>
              <Settings />
            </SignedIn>
          }
        />
        <Route
          path="/graph"
          element={
            <SignedIn>
              <GraphView />
            </SignedIn>
          }
        />
        <Route
          path="/campaigns"
          element={
            <SignedIn>
              <Campaigns />
            </SignedIn>
          }
        />
        <Route
          path="/templates"
          element={
            <SignedIn>
              <Templates />
            </SignedIn>
          }
        />
        <Route
          path="/templates/:id"
          element={
            <SignedIn>
              <TemplatePage />
            </SignedIn>
          }
        />
        <Route
          path="/campaigns/:id"
          element={
            <SignedIn>
              <CampaignPage />
            </SignedIn>
          }
        />
        <Route
          path="/assessments/:id"
          element={
            <SignedIn>
              <AssessmentReview />
            </SignedIn>
          }
        />
        <Route
          path="/audit"
          element={
            <SignedIn>
              <AuditLog />
            </SignedIn>
          }
        />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Suspense>
  );
}
