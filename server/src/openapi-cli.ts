import { writeFileSync } from 'node:fs';
import { API_TYPES_FILE, currentOpenApiDocument, renderApiTypes } from './openapi';

const doc = await currentOpenApiDocument();
writeFileSync(API_TYPES_FILE, await renderApiTypes(doc));
console.log(`Типы API записаны: ${API_TYPES_FILE}`);
