// `npm run token`: makes a new admin token (when the one printed at first start is lost) and prints it once.
import { createToken } from '../server/auth/tokens.ts';
import { createSqliteCatalog } from '../server/catalog/sqlite/index.ts';
import { dataPaths } from '../server/core/rewind.ts';
import { readSettings } from '../server/settings.ts';

const settings = readSettings();
const catalog = createSqliteCatalog(dataPaths(settings.dataDir).catalogFile);
const token = await createToken(catalog, 'admin', new Date());
await catalog.close();
const url = settings.publicUrl ?? `http://${settings.host}:${settings.port}`;
console.log(`A new admin token (shown only this once):\n  ${token}\nSign in: ${url}/login#token=${token}`);
