import { Controller, Get, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { buildOpenApi } from './openapi.js';
import { routeDocsOf } from './route-docs.js';

/**
 * OpenAPI 3.1 of the REST API v1 (public: it documents, it does not grant), derived at start
 * from the routes Nest registered: their method, path and @RequireScope, and their @ApiDoc.
 */
@Controller('api/docs')
export class OpenApiController implements OnModuleInit {
  private document: Record<string, unknown> = {};

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const controllers = this.discovery.getControllers().flatMap((c) => c.metatype ?? []);
    this.document = buildOpenApi(routeDocsOf(controllers), '1.0.0');
  }

  @Get()
  openapi(): Record<string, unknown> {
    return this.document;
  }
}
