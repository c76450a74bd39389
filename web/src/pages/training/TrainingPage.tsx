import { EmptyState } from '../../components/EmptyState.tsx';

export function TrainingPage() {
  return (
    <div className="page">
      <p className="page-lead">
        Vigil will deliver short security-awareness lessons and phishing simulations to your staff and track
        who has completed them.
      </p>
      <EmptyState icon="training" title="No training campaigns yet">
        Campaigns, completion rates and simulation results will appear here.
      </EmptyState>
    </div>
  );
}
