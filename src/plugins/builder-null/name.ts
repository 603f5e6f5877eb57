/** The null builder's name, apart from the builder so registering the plugin loads nothing of the build. */
export const NULL_BUILDER = "null";
