import { initializeSwarm } from "../../plugins/scheduler-swarm/initialize";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "scheduler-swarm:initialize",
  description: "Initialize a swarm with this host as its manager and print the worker join command",
  usage: "--advertise-addr <ip|interface>[:port] [--listen-addr <ip|interface>[:port]]",
  args: {
    "advertise-addr": {
      type: "string",
      valueHint: "ip[:port]",
      description: "the address other nodes reach this manager on",
    },
    "listen-addr": {
      type: "string",
      valueHint: "ip[:port]",
      description: "the address the swarm listens on (default 0.0.0.0:2377)",
    },
  },
  run: (args, ctx) => initializeSwarm(ctx, { advertiseAddr: args["advertise-addr"], listenAddr: args["listen-addr"] }),
});
