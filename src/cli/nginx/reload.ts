import { reloadNginx } from "../../plugins/nginx/server";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "nginx:reload",
  description: "Reloads the nginx server config",
  run: (_args, ctx) => reloadNginx(ctx),
});
