import type { Namespace } from "../namespace";

export const reportNamespace: Namespace = {
  name: "report",
  description: "Display all reports for an app (or every app)",
  defaultCommand: "report",
  commands: { report: () => import("./report") },
};
