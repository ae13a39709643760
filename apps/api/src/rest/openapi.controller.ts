import { Controller, Get } from '@nestjs/common';
import { apiRoutes } from './api-routes.js';
import { buildOpenApi } from './openapi.js';

const document = buildOpenApi(apiRoutes, '1.0.0');

/** OpenAPI 3.1 of the REST API v1 (public: it documents, it does not grant). */
@Controller('api/docs')
export class OpenApiController {
  @Get()
  openapi(): Record<string, unknown> {
    return document;
  }
}
