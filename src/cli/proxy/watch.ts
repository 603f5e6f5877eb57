import { watchProxyUpstreams } from "../../plugins/proxy/watch";
import { createContext } from "../../runtime/create-context";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "proxy:watch",
  description:
    "Follows Docker's events and re-points an app's proxy when its containers come back at new addresses (run by install.sh)",
  run: (_args, ctx) =>
    watchProxyUpstreams(ctx, { freshContext: () => createContext({ env: ctx.env, flags: ctx.flags }) }),
});
