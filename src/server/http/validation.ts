import { Ajv, type ErrorObject } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { AppError, type ValidationRule } from '../errors.ts';

/**
 * Two validators: bodies are checked strictly (no type coercion, unknown fields rejected, so a wrong
 * type is an error rather than silently converted); query strings and path parameters arrive as text
 * and are coerced to the declared types.
 */
export function installValidators(app: FastifyInstance, sharedSchemas: object[] = []): void {
  const strict = new Ajv({
    allErrors: false,
    coerceTypes: false,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  const lenient = new Ajv({
    allErrors: false,
    coerceTypes: 'array',
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  // ajv-formats is CommonJS: its callable is the module itself at run time, `.default` to the type checker.
  const addFormats = (formatsPlugin as unknown as { default: typeof formatsPlugin.default }).default ?? formatsPlugin;
  addFormats(strict);
  addFormats(lenient);
  for (const schema of sharedSchemas) {
    strict.addSchema(schema);
    lenient.addSchema(schema);
    app.addSchema(schema); // for the OpenAPI document
  }
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : lenient).compile(schema));
}

/** The dotted field path an Ajv error is about (e.g. `communications.1.value`). */
export function fieldOf(error: ErrorObject, part: string | undefined): string {
  const base = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const params = error.params as Record<string, unknown>;
  const leaf = (params.missingProperty ?? params.additionalProperty) as string | undefined;
  const path = [base, leaf].filter(Boolean).join('.');
  return path || part || 'body';
}

/** Turns Fastify's validation failure into our registry error naming the field. */
export function validationToAppError(errors: ErrorObject[], part: string | undefined): AppError {
  const first = errors[0];
  if (!first) return new AppError('TANDEM_ERR_VALIDATION');
  const field = fieldOf(first, part);
  const params = first.params as Record<string, unknown>;
  let message: string;
  let rule: ValidationRule = 'invalid';
  let ruleParams: Record<string, unknown> | undefined;
  switch (first.keyword) {
    case 'required':
      message = 'is required';
      rule = 'required';
      break;
    case 'additionalProperties':
      message = 'is not a known field';
      rule = 'unknownField';
      break;
    case 'maxLength':
      message = `must be at most ${params.limit} characters`;
      rule = 'maxLength';
      ruleParams = { limit: params.limit };
      break;
    case 'minLength':
      // Every minLength in our schemas is 1: an empty string where text is needed.
      message = params.limit === 1 ? 'must not be empty' : `must be at least ${params.limit} characters`;
      rule = params.limit === 1 ? 'required' : 'minLength';
      ruleParams = { limit: params.limit };
      break;
    case 'enum':
      message = `must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
      rule = 'oneOf';
      ruleParams = { values: params.allowedValues };
      break;
    case 'type':
      message = `must be of type ${params.type}`;
      rule = 'type';
      ruleParams = { type: params.type };
      break;
    case 'format':
      message = `must be a valid ${params.format}`;
      rule = 'format';
      ruleParams = { format: params.format };
      break;
    case 'maximum':
    case 'minimum':
    case 'maxItems':
    case 'minItems':
      message = first.message ?? 'is out of range';
      rule = 'range';
      ruleParams = { limit: params.limit };
      break;
    default:
      message = first.message ?? 'is not valid';
  }
  const where = part === 'querystring' ? 'query parameter ' : '';
  return new AppError('TANDEM_ERR_VALIDATION', `${where}${field}: ${message}`, {
    field,
    rule,
    ...(ruleParams && { params: ruleParams }),
  });
}
