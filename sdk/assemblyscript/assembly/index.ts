// The dokku AssemblyScript kit: import everything from "@dokku/as-kit/assembly/index".
export * from "./json";
export * from "./call";
export * from "./host";
export * from "./report";
export * from "./bytes";
export * from "./sha1";
export * from "./triggers";
export { abort } from "./abort";
export { setOutputText, setErrorText } from "./memory";
