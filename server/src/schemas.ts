/** The JSON Schemas ctconf ships (Draft 4, for taplo / Even Better TOML), by file name. */
import { containersConfSchema } from './containers/jsonSchema';
import { storageSchema } from './storage/language';
import { registriesSchema } from './registries/language';

export function shippedSchemas(): Record<string, object> {
  return {
    'containers.conf.schema.json': containersConfSchema(),
    'storage.conf.schema.json': storageSchema(),
    'registries.conf.schema.json': registriesSchema(),
  };
}
