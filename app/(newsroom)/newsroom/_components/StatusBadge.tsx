import { statusLabels, type StoryStatus } from "@/lib/workflow/states";
import "./StatusBadge.css";

export function StatusBadge({ status }: { status: StoryStatus }) {
  return (
    <span className={`status-badge status-${status}`}>
      {statusLabels[status]}
    </span>
  );
}
