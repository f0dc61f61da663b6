import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_HEADER } from '../auth/api-key.verifier';
import { API_KEY_SECURITY } from '../auth/access.decorators';

export const DOCS_PATH = 'docs';

/** Swagger UI at /docs and the OpenAPI document at /docs-json. */
export function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('kubectl agent')
    .setDescription(
      'Turns plain-language requests into one kubectl command with an LLM, checks it against a strict ' +
        'safety policy, and can run it against the cluster. Errors share one shape: ' +
        '`{statusCode, error, message, request_id}`.',
    )
    .setVersion('1.0')
    .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER, description: 'One of the keys in API_AUTH_KEY.' }, API_KEY_SECURITY)
    .build();
  // Built on the first request for it rather than at start-up.
  SwaggerModule.setup(DOCS_PATH, app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    swaggerOptions: { persistAuthorization: true },
  });
}
