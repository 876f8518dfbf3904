export * from "./accounts";
export * from "./audit";
export * from "./bulletins";
export * from "./campaigns";
export * from "./mail";
export * from "./submissions";
export * from "./units";
export * from "./users";
