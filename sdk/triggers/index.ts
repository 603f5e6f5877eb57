export * from "./define";
export * from "./apps";
export * from "./config";
export * from "./report";
export * from "./deploy";
export * from "./proxy";
export * from "./plugin";
