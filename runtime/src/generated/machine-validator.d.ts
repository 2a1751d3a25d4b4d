/** Ajv standalone validator of schema/machine.schema.json (generated; see scripts/gen-validator.mjs). */
export interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** Set on the errors of a `propertyNames` subschema: the offending key. */
  propertyName?: string;
}
export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
export declare const validate: ValidateFunction;
export default validate;
