import type { Namespace } from "../namespace";

export const gitNamespace: Namespace = {
  name: "git",
  description: "Manage app deploys via git",
  commands: {
    "git:from-archive": () => import("./from-archive"),
    "git:from-image": () => import("./from-image"),
    "git:initialize": () => import("./initialize"),
    "git:load-image": () => import("./load-image"),
    "git:public-key": () => import("./public-key"),
    "git:report": () => import("./report"),
    "git:set": () => import("./set"),
    "git:status": () => import("./status"),
    // Dokku's git plugin also answers these bare words (sshd's forced command and the hook)
    "git-hook": () => import("./hook"),
    "git-receive-pack": () => import("./receive-pack"),
    "git-upload-pack": () => import("./upload-pack"),
  },
};
