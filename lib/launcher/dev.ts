import { localAppEnv, prepareDatabase } from "./prepare";
import { startPortal, startWorker, supervise } from "./processes";

const database = await prepareDatabase();
console.log(`Database: ${database.label}`);
const env = await localAppEnv(database.appUrl);
supervise([startPortal("development", ["-p", "3000"], env), startWorker(env)], () => database.stop());
