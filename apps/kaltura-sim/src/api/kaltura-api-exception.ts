/** Message templates of the real server's KalturaErrors/APIErrors (`@ARG@` placeholders). */
const templates = {
  MISSING_KS: 'Missing KS, session not established',
  INVALID_KS: 'Invalid KS "@KSID@", Error "@ERR_CODE@,@ERR_DESC@"',
  SERVICE_FORBIDDEN: 'The access to service [@SERVICE@] is forbidden',
  SERVICE_NOT_SPECIFIED: 'Service name was not specified, please specify one',
  ACTION_NOT_SPECIFIED: 'Action name was not specified, please specify one',
  SERVICE_DOES_NOT_EXISTS: 'Service "@SRV_NAME@" does not exists',
  ACTION_DOES_NOT_EXISTS: 'Action "@ACTION_NAME@" does not exists for service "@SERVICE_NAME@"',
  ACTION_BLOCKED: 'Action "@ACTION_NAME@" in service "@SERVICE_NAME@" is blocked',
  MISSING_MANDATORY_PARAMETER: 'Missing parameter "@PARAM_NAME@"',
  INVALID_OBJECT_TYPE: 'Invalid object type "@INVALID_OBJ_TYPE@"',
  PROPERTY_VALIDATION_CANNOT_BE_NULL: 'The property "@PROP_NAME@" cannot be null',
  ENTRY_ID_NOT_FOUND: 'Entry id "@ENTRY_ID@" not found',
  SCHEDULE_RESOURCE_ID_NOT_FOUND: 'Schedule Resource id [@ID@] not found',
  INVALID_USER_ID: 'Invalid user id',
  DUPLICATE_USER_BY_ID: 'User with id [@USER_ID@] already exists in system',
  START_SESSION_ERROR: 'Error while starting session for partner [@PARTNER_ID@]',
  INVALID_WIDGET_ID: 'Unknown widget [@WIDGET_ID@]',
  INVALID_ENUM_VALUE:
    'Invalid enumeration value, "@VALUE@" for parameter "@PARAM_NAME@", expecting enumeration type "@ENUM@"',
  APP_TOKEN_ID_NOT_FOUND: 'Application token id "@ID@" not found',
  APP_TOKEN_NOT_ACTIVE: 'Application token id "@ID@" not active',
  APP_TOKEN_EXPIRED: 'Application token id "@ID@" expired',
  INVALID_APP_TOKEN_HASH: 'Invalid application token hash',
  INTERNAL_SERVERL_ERROR: 'Internal server error occurred',
} as const;

export type KalturaErrorCode = keyof typeof templates;
type Args = Record<string, string | number>;

export interface KalturaApiExceptionBody {
  code: KalturaErrorCode;
  message: string;
  objectType: 'KalturaAPIException';
  args: Args | [];
}

/** Thrown inside the sim; answered as HTTP 200 + `KalturaAPIException`, like the real server. */
export class SimApiException extends Error {
  constructor(
    readonly kalturaCode: KalturaErrorCode,
    readonly args: Args = {},
  ) {
    super(formatMessage(kalturaCode, args));
  }

  toBody(): KalturaApiExceptionBody {
    // PHP json_encode()s an empty args array as [].
    const args: Args | [] = Object.keys(this.args).length > 0 ? this.args : [];
    return {
      code: this.kalturaCode,
      message: this.message,
      objectType: 'KalturaAPIException',
      args,
    };
  }
}

function formatMessage(code: KalturaErrorCode, args: Args): string {
  return templates[code].replace(/@([A-Z_]+)@/g, (_, name: string) => String(args[name] ?? ''));
}
