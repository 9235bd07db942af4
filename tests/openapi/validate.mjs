// Usage: node validate.mjs <openapi.json>  — exit 0 when the document is valid OpenAPI (2.0, 3.0 or 3.1).
import { Validator } from "@seriousme/openapi-schema-validator";

const file = process.argv[2];
const validator = new Validator();
const result = await validator.validate(file);
if (result.valid) {
  console.log(`valid OpenAPI ${validator.version}`);
} else {
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
