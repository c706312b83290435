import { ValidateIf } from 'class-validator';

/**
 * A field that may be left out. Unlike class-validator's `@IsOptional()`, which also waves
 * `null` through (`{"expiresIn": null}` reached the service and crashed it: a 500), `null`
 * is validated like any other value and refused by the field's type check, unless the field
 * says `nullable` (null then means "none", e.g. no preferred node).
 */
export function OptionalField(options: { nullable?: boolean } = {}): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined && !(options.nullable && value === null));
}
