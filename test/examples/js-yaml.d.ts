/**
 * The part of js-yaml 4 the tests use. js-yaml comes with @pulumi/pulumi (which parses
 * Pulumi.yaml with it) and ships no type declarations.
 */
declare module "js-yaml" {
  /** Parses one YAML 1.2 document; throws a YAMLException on a syntax error. */
  export function load(text: string): unknown;
}
